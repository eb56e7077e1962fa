# pytest collects cases/*.yaml as test items; registered here so a fresh clone needs no plugin install.
pytest_plugins = ["checks.pytest_plugin"]
