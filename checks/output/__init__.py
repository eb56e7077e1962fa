"""Layer 5, output: what a person or a program reads. The case reports in four formats (text,
markdown, json, html) and the gradient verdict table. Imports any layer below; nothing below
imports it (one exception, named in tests/test_layers.py)."""
