"""Layer 2, loading: case files in, validated and located (the schema, the YAML loader with its
located errors, `expect:` rewriting), references resolved inside the case's own project, and a
case's printed numbers and settings read against its worksheet. Imports only core."""
