package config

// Starter is the .hooklint.yml that `hooklint --init-config` writes: every key, explained,
// set to what hooklint does without the file.
const Starter = `# hooklint configuration (https://github.com/hooklint/hooklint#configuration).
# Every key is optional. Unknown keys and bad values are errors (exit status 2).

# The Kamal version to check against. Without it: the kamal spec in Gemfile.lock, then
# deploy.yml's minimum_version (a lower bound). --kamal-version overrides it.
# kamal-version: 2.5.3

# Per-rule settings, by ID or name: off, or the severity to report (error, warning, info).
# ` + "`hooklint rules`" + ` lists the rules.
rules:
  # HL203: off
  # unavailable-variable: error

# Hooks not to check: globs of paths relative to the project root.
ignore:
  # - .kamal/hooks/*.bak

# The hooks folder when config/deploy.yml sets no hooks_path (or computes it with ERB).
# hooks-path: .kamal/hooks

# The lowest severity that makes the exit status 1: error, warning or info.
# --failure-threshold overrides it.
failure-threshold: warning
`
