package kamal

import (
	"slices"
	"strings"
)

// localCommands are the commands that never connect to a host, so never run pre-connect
// and never read the servers: they work on the local checkout, print, or only parse the
// config. lock-model.md §3 ("Local only"), §4.1 (pre-connect runs on the first SSH call).
var localCommands = []string{"config", "docs", "init", "version", "help", "build details", "build dev"}

// Connects reports whether the command opens SSH connections to the servers, and so runs
// the pre-connect hook first (lock-model.md §4.1).
func (c *Command) Connects() bool {
	return !slices.Contains(localCommands, c.Path) && c.Group() != "secrets" && !strings.HasSuffix(c.Path, " help")
}

// ReadsConfig reports whether the command loads deploy.yml (and so depends on -d); only
// help, version, docs and init do not.
func (c *Command) ReadsConfig() bool {
	switch c.Path {
	case "help", "version", "docs", "init":
		return false
	}
	return true
}
