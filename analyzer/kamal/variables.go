package kamal

import "slices"

// Variable is an environment variable Kamal sets for its hooks (lock-model.md §5.1).
type Variable struct {
	Name string
	// Since and Until bound the releases that set it (zero = open; Until exclusive).
	Since, Until Version
	// Hooks lists the hooks that get it; nil means every hook.
	Hooks []string
	// Note qualifies when the variable is set or what it holds.
	Note string
}

// SetIn reports whether release v sets the variable for hook.
func (va Variable) SetIn(v Version, hook string) bool {
	return v.In(va.Since, va.Until) && (va.Hooks == nil || slices.Contains(va.Hooks, hook))
}

// variableTable is every KAMAL_* variable of the hook environment. lock-model.md §5.1,
// §5.2; lib/kamal/tags.rb@v2.12.0:11-31, lib/kamal/cli/base.rb@v2.12.0:224-254.
var variableTable = []Variable{
	{Name: "KAMAL_RECORDED_AT", Note: "UTC ISO 8601 time"},
	{Name: "KAMAL_PERFORMER", Note: "`whoami`; from 1.8.0 `git config user.email`, falling back to `whoami`"},
	{Name: "KAMAL_VERSION", Note: "--version, else $VERSION, else the git HEAD sha; the rollback target under rollback"},
	{Name: "KAMAL_SERVICE_VERSION", Note: "<service>@<version[0,7]>"},
	{Name: "KAMAL_SERVICE", Since: V(1, 8, 0), Note: "the service name"},
	{Name: "KAMAL_DESTINATION", Note: "the -d value; unset (not empty) without a destination"},
	{Name: "KAMAL_HOSTS", Note: "comma-joined targeted hosts; the current host group in pre/post-app-boot and pre/post-proxy-reboot (pre/post-traefik-reboot in v1)"},
	{Name: "KAMAL_ROLES", Since: V(2, 6, 0), Note: "comma-joined -r/--roles names; unset without -r (kamal-site docs call it KAMAL_ROLE)"},
	// Since is InheritsLock spelt out: copying a variable would be code run at start-up.
	{Name: "KAMAL_LOCK", Since: V(2, 6, 0), Note: `"true" or "false": whether the outer process holds the deploy lock; a nested kamal >= 2.6.0 skips locking when it is "true"`},
	{Name: "KAMAL_COMMAND", Note: "the first word of the top-level command line (an alias is expanded first): setup, deploy, app, proxy, ..."},
	{Name: "KAMAL_SUBCOMMAND", Note: "real runs never set it: Kamal reads it from the first Thor invocation, which is always the top-level word, so it is nil and left unset; a test on it never fires"},
	{Name: "KAMAL_RUNTIME", Hooks: []string{"post-deploy"}, Note: "seconds the deploy took, as a rounded integer"},
}

// Variables returns every KAMAL_* variable Kamal sets for hooks in any release.
func Variables() []Variable { return slices.Clone(variableTable) }

// FindVariable returns the variable with this exact name, and false when Kamal never sets
// a hook variable of that name.
func FindVariable(name string) (Variable, bool) {
	for _, va := range variableTable {
		if va.Name == name {
			return va, true
		}
	}
	return Variable{}, false
}

// secretSpans says which hooks get the secrets from .kamal/secrets* as plain variables in
// v2. lock-model.md §5.1; lib/kamal/cli/main.rb@v2.12.0:35,52, lib/kamal/cli/base.rb@v2.12.0:264.
var secretSpans = []struct {
	Hook  string
	Since Version
}{
	{"pre-deploy", V(2, 0, 0)},
	{"post-deploy", V(2, 0, 0)},
	{"pre-connect", V(2, 11, 0)},
}

// SecretsReach reports whether a hook sees the project's secrets (KAMAL_REGISTRY_PASSWORD
// and the like) in its environment at release v. In v1 every hook inherits the variables
// dotenv loaded from .env / .env.<destination>; in v2 only pre-deploy and post-deploy
// (and pre-connect from v2.11.0) get the secrets. lock-model.md §5.1.
func SecretsReach(v Version, hook string) bool {
	if v.Less(V(2, 0, 0)) {
		return true
	}
	for _, s := range secretSpans {
		if s.Hook == hook && v.AtLeast(s.Since) {
			return true
		}
	}
	return false
}
