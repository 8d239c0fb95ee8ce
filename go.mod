module github.com/hooklint/hooklint

go 1.26.0

require (
	github.com/rogpeppe/go-internal v1.16.0
	golang.org/x/tools v0.52.0
	gopkg.in/yaml.v3 v3.0.1
	mvdan.cc/sh/v3 v3.14.1
)

require golang.org/x/sys v0.49.0 // indirect
