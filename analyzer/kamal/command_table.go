package kamal

// This file is the data of the command table. A new Kamal release that adds, removes or
// changes a command changes this file (and lock-model.md) only.

// Lock spans shared by many rows. lock-model.md §1.2, §3.
var (
	// locks: the command locks in every release that has it.
	locks = []LockSpan{{Rule: Locks}}
	// lockedInE1: `mutating` in E1 only; no lock from v1.6.0 (the `build *` commands).
	lockedInE1 = []LockSpan{{Rule: Locks}, {From: V(1, 6, 0), Rule: NeverLocks}}
)

// Arities shared by many rows: the positional parameters of the command's method, read
// from its `def` line at every release tag (lib/kamal/cli/*.rb; testdata/kamal-cli.txt).
var (
	// oneArg: one required argument, `def reboot(name)`, `def rollback(version)`.
	oneArg = []AritySpan{{Arity: Arity{Required: 1}}}
	// takesRest: `def fetch(*secrets)`.
	takesRest = []AritySpan{{Arity: Arity{Splat: true}}}
	// execCmd: `def exec(cmd)` in v1 (one word: the command line, quoted); `def exec(*cmd)`
	// from v2.0.0 (app.rb@v1.9.3:78, @v2.0.0; server.rb@v1.9.3:5, @v2.0.0).
	execCmd = []AritySpan{{Arity: Arity{Required: 1}}, {From: V(2, 0, 0), Arity: Arity{Splat: true}}}
)

// Docker equivalents and explanations shared by rows. lock-model.md §8.2.
const (
	noteRecreate   = "no exact equivalent: reboot re-creates the container from the current config, env file and image; `docker restart` only restarts the old one. Run the command outside the lock-holding hook, or require Kamal >= 2.6.0"
	noteAlreadyOK  = "already lock-free: it never takes the deploy lock"
	noteAppRouting = "kamal-proxy routing must then be handled by hand"
)

// groupTable lists the subcommand groups of `kamal` by release. lock-model.md §3;
// lib/kamal/cli/main.rb@v1.0.0, @v1.9.3, @v2.12.0 (`subcommand` lines).
var groupTable = []Group{
	{Name: "accessory"},
	{Name: "app"},
	{Name: "build"},
	{Name: "env", Until: V(2, 0, 0)},
	{Name: "healthcheck", Until: V(1, 6, 0), Default: "perform"},
	{Name: "lock"},
	{Name: "proxy", Since: V(2, 0, 0)},
	{Name: "prune"},
	{Name: "registry"},
	{Name: "secrets", Since: V(2, 0, 0)},
	{Name: "server"},
	{Name: "traefik", Until: V(2, 0, 0)},
}

// commandTable is every command of every release from v1.0.0 to [Newest].
// lock-model.md §3 (locking), §8.2 (Docker); options from `option` lines of
// lib/kamal/cli/*.rb at each tag.
var commandTable = []*Command{
	// Top level (lib/kamal/cli/main.rb).
	{Path: "setup", Lock: locks, Options: []Option{{Name: "skip_push", Short: "P", Type: OptionBoolean, Since: V(1, 4, 0)}, {Name: "no_cache", Type: OptionBoolean, Since: V(2, 8, 0)}},
		Cite: "lock-model.md §3, §4.2; lib/kamal/cli/main.rb@v2.12.0:5"},
	{Path: "deploy", Lock: locks, Options: []Option{opt("skip_push", "P", OptionBoolean), {Name: "no_cache", Type: OptionBoolean, Since: V(2, 8, 0)}},
		Cite: "lock-model.md §3, §4.2; lib/kamal/cli/main.rb@v2.12.0:21"},
	{Path: "redeploy", Lock: locks, Options: []Option{opt("skip_push", "P", OptionBoolean), {Name: "no_cache", Type: OptionBoolean, Since: V(2, 8, 0)}},
		Cite: "lock-model.md §3, §4.2; lib/kamal/cli/main.rb@v2.12.0:59"},
	{Path: "rollback", Lock: locks, Arity: oneArg, Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:87"},
	{Path: "details", Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:113"},
	{Path: "audit", Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:120"},
	{Path: "config", Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:128"},
	{Path: "docs", Since: V(1, 7, 0), Arity: []AritySpan{{Arity: Arity{Optional: 1}}}, Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:135"},
	{Path: "init", Options: []Option{opt("bundle", "", OptionBoolean)}, Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:148"},
	// envify invokes `env push` (which locks); from v1.1.0 not with --skip-push.
	{Path: "envify", Until: V(2, 0, 0),
		Lock:    []LockSpan{{Rule: LocksInSteps}, {From: V(1, 1, 0), Rule: LocksUnlessOption, Option: "skip_push"}},
		Options: []Option{{Name: "skip_push", Short: "P", Type: OptionBoolean, Since: V(1, 1, 0)}},
		Cite:    "lock-model.md §3; lib/kamal/cli/main.rb@v1.9.3:184,200, @v1.0.0:185"},
	{Path: "remove", Lock: locks, Options: []Option{opt("confirmed", "y", OptionBoolean)}, Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:189"},
	{Path: "upgrade", Since: V(2, 0, 0), Lock: locks, Options: []Option{opt("confirmed", "y", OptionBoolean), opt("rolling", "", OptionBoolean)},
		Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:203"},
	{Path: "downgrade", Since: V(1, 9, 0), Until: V(2, 0, 0), Lock: locks, Options: []Option{opt("confirmed", "y", OptionBoolean), opt("rolling", "", OptionBoolean)},
		Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v1.9.3:223"},
	{Path: "version", Cite: "lock-model.md §3; lib/kamal/cli/main.rb@v2.12.0:232"},
	{Path: "help", Arity: []AritySpan{{Arity: Arity{Optional: 2}}}, Cite: "lock-model.md §3 (help); rails/thor lib/thor.rb@v1.4.0:660-663"},

	// accessory (lib/kamal/cli/accessory.rb).
	{Path: "accessory boot", NameArg: true, Arity: oneArg, Lock: locks,
		Docker: Docker{Note: "no single docker command: boot creates the container with `docker run` from the accessory's config, env file and image"},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/accessory.rb@v2.12.0:6"},
	{Path: "accessory upload", Hidden: true, NameArg: true, Arity: oneArg, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:44"},
	{Path: "accessory directories", Hidden: true, NameArg: true, Arity: oneArg, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:63"},
	{Path: "accessory reboot", NameArg: true, Arity: oneArg, Lock: locks,
		Docker: Docker{Note: noteRecreate},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/accessory.rb@v2.12.0:78"},
	{Path: "accessory start", NameArg: true, Arity: oneArg, Lock: locks,
		Docker: Docker{Command: "docker container start {container}", Note: "with an accessory proxy Kamal also runs `kamal-proxy deploy`"},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/accessory.rb@v2.12.0:93"},
	{Path: "accessory stop", NameArg: true, Arity: oneArg, Lock: locks,
		Docker: Docker{Command: "docker container stop {container}", Note: "with an accessory proxy Kamal also runs `kamal-proxy remove`"},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/accessory.rb@v2.12.0:109"},
	{Path: "accessory restart", NameArg: true, Arity: oneArg, Lock: locks,
		Docker: Docker{Command: "docker restart {container}", Note: "the same as `docker container stop {container} && docker container start {container}`; with an accessory proxy Kamal also updates kamal-proxy"},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/accessory.rb@v2.12.0:126"},
	{Path: "accessory details", NameArg: true, Arity: oneArg, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:134"},
	// v1.0.0-v2.3.0: `def exec(name, cmd)`; v2.4.0: `def exec(name, *cmd)`.
	{Path: "accessory exec", NameArg: true, Arity: []AritySpan{{Arity: Arity{Required: 2}}, {From: V(2, 4, 0), Arity: Arity{Required: 1, Splat: true}}},
		Options: []Option{opt("interactive", "i", OptionBoolean), opt("reuse", "", OptionBoolean), {Name: "raw", Type: OptionBoolean, Since: V(2, 12, 0)}},
		Docker:  Docker{Command: "docker exec {container} {cmd}", Note: noteAlreadyOK + "; without --reuse Kamal runs a new container with `docker run --rm`"},
		Cite:    "lock-model.md §3, §8.2; lib/kamal/cli/accessory.rb@v2.12.0:150"},
	{Path: "accessory logs", NameArg: true, Arity: oneArg,
		Options: []Option{
			opt("since", "s", OptionString), opt("lines", "n", OptionNumeric), opt("grep", "g", OptionString),
			{Name: "grep_options", Short: "o", Type: OptionString, Since: V(1, 7, 0), Until: V(2, 4, 0)},
			{Name: "grep_options", Type: OptionString, Since: V(2, 4, 0)},
			opt("follow", "f", OptionString), {Name: "skip_timestamps", Short: "T", Type: OptionBoolean, Since: V(2, 0, 0)},
		},
		Docker: Docker{Command: "docker logs {container} --tail 100 --timestamps", Note: noteAlreadyOK},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/accessory.rb@v2.12.0:200"},
	{Path: "accessory pull_image", Since: V(2, 8, 0), Hidden: true, NameArg: true, Arity: oneArg, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:224"},
	{Path: "accessory remove", NameArg: true, Arity: oneArg, Lock: locks, Options: []Option{opt("confirmed", "y", OptionBoolean)}, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:237"},
	{Path: "accessory remove_container", Hidden: true, NameArg: true, Arity: oneArg, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:250"},
	{Path: "accessory remove_image", Hidden: true, NameArg: true, Arity: oneArg, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:262"},
	{Path: "accessory remove_service_directory", Hidden: true, NameArg: true, Arity: oneArg, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:274"},
	{Path: "accessory upgrade", Since: V(2, 0, 0), NameArg: true, Arity: oneArg, Lock: locks, Options: []Option{opt("rolling", "", OptionBoolean), opt("confirmed", "y", OptionBoolean)},
		Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:287"},
	{Path: "accessory downgrade", Since: V(1, 9, 0), Until: V(2, 0, 0), NameArg: true, Arity: oneArg, Lock: locks, Options: []Option{opt("rolling", "", OptionBoolean), opt("confirmed", "y", OptionBoolean)},
		Cite: "lock-model.md §3; lib/kamal/cli/accessory.rb@v1.9.3:228"},

	// app (lib/kamal/cli/app.rb).
	{Path: "app boot", Lock: locks,
		Docker: Docker{Note: "none practical: boot starts a new container, deploys it to kamal-proxy, stops the old one and tags the image; keep it out of lock-holding hooks or require Kamal >= 2.6.0"},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/app.rb@v2.12.0:3"},
	{Path: "app start", Lock: locks, Docker: Docker{Command: "docker start {container}", Note: noteAppRouting}, Cite: "lock-model.md §3, §8.2; lib/kamal/cli/app.rb@v2.12.0:44"},
	{Path: "app stop", Lock: locks, Docker: Docker{Command: "docker stop {container}", Note: noteAppRouting}, Cite: "lock-model.md §3, §8.2; lib/kamal/cli/app.rb@v2.12.0:63"},
	{Path: "app details", Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:84"},
	{Path: "app exec", Arity: execCmd,
		Options: []Option{
			opt("interactive", "i", OptionBoolean), opt("reuse", "", OptionBoolean), {Name: "env", Short: "e", Type: OptionHash, Since: V(1, 5, 0)},
			{Name: "detach", Type: OptionBoolean, Since: V(2, 4, 0)}, {Name: "raw", Type: OptionBoolean, Since: V(2, 12, 0)},
		},
		Docker: Docker{Note: noteAlreadyOK + ", whatever its flags"},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/app.rb@v2.12.0:97, @v1.9.3:78"},
	{Path: "app containers", Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:164"},
	{Path: "app stale_containers",
		Lock:    []LockSpan{{Rule: Locks}, {From: V(1, 6, 0), Rule: LocksWithOption, Option: "stop"}},
		Options: []Option{opt("stop", "s", OptionBoolean)},
		Cite:    "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:171,357-363, @v1.0.0:165"},
	{Path: "app images", Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:194"},
	{Path: "app logs",
		Options: []Option{
			opt("since", "s", OptionString), opt("lines", "n", OptionNumeric), opt("grep", "g", OptionString),
			{Name: "grep_options", Short: "o", Type: OptionString, Since: V(1, 7, 0), Until: V(2, 4, 0)},
			{Name: "grep_options", Type: OptionString, Since: V(2, 4, 0)},
			opt("follow", "f", OptionString), {Name: "skip_timestamps", Short: "T", Type: OptionBoolean, Since: V(2, 0, 0)},
			{Name: "container_id", Type: OptionString, Since: V(2, 4, 0)},
		},
		Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:207"},
	{Path: "app remove", Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:244"},
	{Path: "app live", Since: V(2, 6, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:254"},
	{Path: "app maintenance", Since: V(2, 6, 0), Lock: locks, Options: []Option{opt("drain_timeout", "", OptionNumeric), opt("message", "", OptionString)},
		Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:265"},
	{Path: "app remove_container", Hidden: true, Arity: oneArg, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:276"},
	{Path: "app remove_containers", Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:286"},
	{Path: "app remove_images", Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:296"},
	{Path: "app remove_app_directory", Since: V(2, 0, 0), Until: V(2, 6, 0), Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.5.3:295"},
	{Path: "app remove_app_directories", Since: V(2, 6, 0), Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:306"},
	{Path: "app version", Cite: "lock-model.md §3; lib/kamal/cli/app.rb@v2.12.0:317"},

	// build (lib/kamal/cli/build.rb): `mutating` in E1 only.
	{Path: "build deliver", Lock: lockedInE1, Cite: "lock-model.md §3; lib/kamal/cli/build.rb@v2.12.0:5, @v1.0.0:7"},
	{Path: "build push", Lock: lockedInE1,
		Options: []Option{{Name: "output", Type: OptionString, Default: "registry", Since: V(2, 5, 0)}, {Name: "no_cache", Type: OptionBoolean, Since: V(2, 8, 0)}},
		Cite:    "lock-model.md §3; lib/kamal/cli/build.rb@v2.12.0:13, @v1.0.0:17"},
	{Path: "build pull", Lock: lockedInE1, Cite: "lock-model.md §3; lib/kamal/cli/build.rb@v2.12.0:71"},
	{Path: "build create", Lock: lockedInE1, Cite: "lock-model.md §3; lib/kamal/cli/build.rb@v2.12.0:88"},
	{Path: "build remove", Lock: lockedInE1, Cite: "lock-model.md §3; lib/kamal/cli/build.rb@v2.12.0:109"},
	{Path: "build details", Cite: "lock-model.md §3; lib/kamal/cli/build.rb@v2.12.0:117"},
	{Path: "build dev", Since: V(2, 5, 0), Options: []Option{{Name: "output", Type: OptionString, Default: "docker"}, {Name: "no_cache", Type: OptionBoolean, Since: V(2, 8, 0)}},
		Cite: "lock-model.md §3; lib/kamal/cli/build.rb@v2.12.0:127"},

	// env (v1 only; lib/kamal/cli/env.rb).
	{Path: "env push", Until: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/env.rb@v1.9.3:5"},
	{Path: "env delete", Until: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/env.rb@v1.9.3:32"},

	// healthcheck (v1.0.0–v1.5.2; lib/kamal/cli/healthcheck.rb).
	{Path: "healthcheck perform", Until: V(1, 6, 0), Cite: "lock-model.md §3; lib/kamal/cli/healthcheck.rb@v1.5.2:5"},

	// lock (lib/kamal/cli/lock.rb): these never consult KAMAL_LOCK.
	{Path: "lock status", LockOp: LockOpStatus, Cite: "lock-model.md §2.4, §3; lib/kamal/cli/lock.rb@v2.12.0:3"},
	{Path: "lock acquire", LockOp: LockOpAcquire, Lock: locks, Options: []Option{{Name: "message", Short: "m", Type: OptionString, Required: true}},
		Cite: "lock-model.md §2.4, §3; lib/kamal/cli/lock.rb@v2.12.0:11"},
	{Path: "lock release", LockOp: LockOpRelease, Cite: "lock-model.md §2.4, §3; lib/kamal/cli/lock.rb@v2.12.0:21"},

	// proxy (v2; lib/kamal/cli/proxy.rb).
	{Path: "proxy boot", Since: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:3"},
	{Path: "proxy boot_config", Since: V(2, 0, 0), Arity: oneArg,
		Options: []Option{
			opt("publish", "", OptionBoolean), {Name: "publish_host_ip", Type: OptionString, Since: V(2, 5, 0)},
			opt("http_port", "", OptionNumeric), opt("https_port", "", OptionNumeric),
			{Name: "log_max_size", Type: OptionString, Default: "10m", Since: V(2, 2, 0)},
			{Name: "registry", Type: OptionString, Since: V(2, 6, 0)}, {Name: "repository", Type: OptionString, Since: V(2, 6, 0)},
			{Name: "image_version", Type: OptionString, Since: V(2, 6, 0)}, {Name: "metrics_port", Type: OptionNumeric, Since: V(2, 6, 0)},
			{Name: "debug", Type: OptionBoolean, Since: V(2, 6, 0)}, opt("docker_options", "", OptionArray),
		},
		Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:37"},
	{Path: "proxy reboot", Since: V(2, 0, 0), Lock: locks, Options: []Option{opt("rolling", "", OptionBoolean), opt("confirmed", "y", OptionBoolean)},
		Docker: Docker{Note: noteRecreate + "; `docker restart kamal-proxy` is `proxy restart`"},
		Cite:   "lock-model.md §3, §4.2, §8.2; lib/kamal/cli/proxy.rb@v2.12.0:109"},
	{Path: "proxy upgrade", Since: V(2, 0, 0), Hidden: true, Lock: []LockSpan{{Rule: LocksInSteps}},
		Options: []Option{opt("rolling", "", OptionBoolean), opt("confirmed", "y", OptionBoolean)},
		Cite:    "lock-model.md §3, §4.2; lib/kamal/cli/proxy.rb@v2.12.0:137"},
	{Path: "proxy start", Since: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:176"},
	{Path: "proxy stop", Since: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:186"},
	{Path: "proxy restart", Since: V(2, 0, 0), Lock: locks, Docker: Docker{Command: "docker restart kamal-proxy", Note: "on each proxy host"},
		Cite: "lock-model.md §3, §8.2; lib/kamal/cli/proxy.rb@v2.12.0:196"},
	{Path: "proxy details", Since: V(2, 0, 0), Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:204"},
	{Path: "proxy logs", Since: V(2, 0, 0),
		Options: []Option{
			opt("since", "s", OptionString), opt("lines", "n", OptionNumeric), opt("grep", "g", OptionString),
			opt("follow", "f", OptionString), opt("skip_timestamps", "T", OptionBoolean),
		},
		Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:215"},
	{Path: "proxy remove", Since: V(2, 0, 0), Lock: locks, Options: []Option{opt("force", "", OptionBoolean)}, Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:238"},
	{Path: "proxy remove_container", Since: V(2, 0, 0), Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:250"},
	{Path: "proxy remove_image", Since: V(2, 0, 0), Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:260"},
	{Path: "proxy remove_proxy_directory", Since: V(2, 0, 0), Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/proxy.rb@v2.12.0:270"},

	// prune (lib/kamal/cli/prune.rb).
	{Path: "prune all", Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/prune.rb@v2.12.0:3"},
	{Path: "prune images", Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/prune.rb@v2.12.0:11"},
	{Path: "prune containers", Lock: locks, Options: []Option{{Name: "retain", Type: OptionNumeric, Since: V(1, 4, 0)}}, Cite: "lock-model.md §3; lib/kamal/cli/prune.rb@v2.12.0:23"},

	// registry (lib/kamal/cli/registry.rb): login and logout are absent in v2.8.0–v2.8.1.
	{Path: "registry setup", Since: V(2, 8, 0), Options: registryOptions, Cite: "lock-model.md §3; lib/kamal/cli/registry.rb@v2.12.0:5"},
	{Path: "registry remove", Since: V(2, 8, 0), Options: registryOptions, Cite: "lock-model.md §3; lib/kamal/cli/registry.rb@v2.12.0:19"},
	{Path: "registry login", Until: V(2, 8, 0), Options: registryOptionsV1, Cite: "lock-model.md §3; lib/kamal/cli/registry.rb@v2.7.0:5"},
	{Path: "registry login", Since: V(2, 8, 2), Options: registryOptions, Cite: "lock-model.md §3; lib/kamal/cli/registry.rb@v2.12.0:31"},
	{Path: "registry logout", Until: V(2, 8, 0), Options: registryOptionsV1, Cite: "lock-model.md §3; lib/kamal/cli/registry.rb@v2.7.0:15"},
	{Path: "registry logout", Since: V(2, 8, 2), Options: registryOptions, Cite: "lock-model.md §3; lib/kamal/cli/registry.rb@v2.12.0:42"},

	// secrets (v2; lib/kamal/cli/secrets.rb): local only.
	{Path: "secrets fetch", Since: V(2, 0, 0), Arity: takesRest,
		Options: []Option{
			{Name: "adapter", Short: "a", Type: OptionString, Required: true},
			{Name: "account", Type: OptionString, Required: true, Until: V(2, 4, 0)}, {Name: "account", Type: OptionString, Since: V(2, 4, 0)},
			opt("from", "", OptionString), opt("inline", "", OptionBoolean),
		},
		Cite: "lock-model.md §3; lib/kamal/cli/secrets.rb@v2.12.0:7"},
	{Path: "secrets extract", Since: V(2, 0, 0), Arity: []AritySpan{{Arity: Arity{Required: 2}}}, Options: []Option{opt("inline", "", OptionBoolean)}, Cite: "lock-model.md §3; lib/kamal/cli/secrets.rb@v2.12.0:22"},
	{Path: "secrets print", Since: V(2, 1, 0), Cite: "lock-model.md §3; lib/kamal/cli/secrets.rb@v2.12.0:32"},

	// server (lib/kamal/cli/server.rb).
	{Path: "server bootstrap", Lock: []LockSpan{{Rule: NeverLocks}, {From: V(1, 6, 0), Rule: Locks}},
		Cite: "lock-model.md §3; lib/kamal/cli/server.rb@v2.12.0:38, @v1.9.3:25, @v1.0.0:3"},
	{Path: "server exec", Since: V(1, 6, 0), Arity: execCmd, Options: []Option{opt("interactive", "i", OptionBoolean), {Name: "raw", Type: OptionBoolean, Since: V(2, 12, 0)}},
		Docker: Docker{Note: noteAlreadyOK + ", whatever its flags"},
		Cite:   "lock-model.md §3; lib/kamal/cli/server.rb@v2.12.0:5"},

	// traefik (v1; lib/kamal/cli/traefik.rb).
	{Path: "traefik boot", Until: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:3"},
	{Path: "traefik reboot", Until: V(2, 0, 0), Lock: locks, Options: []Option{opt("rolling", "", OptionBoolean), {Name: "confirmed", Short: "y", Type: OptionBoolean, Since: V(1, 5, 0)}},
		Docker: Docker{Note: noteRecreate + "; `docker restart traefik` is `traefik restart`"},
		Cite:   "lock-model.md §3, §8.2; lib/kamal/cli/traefik.rb@v1.9.3:15"},
	{Path: "traefik start", Until: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:36"},
	{Path: "traefik stop", Until: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:46"},
	{Path: "traefik restart", Until: V(2, 0, 0), Lock: locks, Docker: Docker{Command: "docker restart traefik", Note: "on each app host"},
		Cite: "lock-model.md §3, §8.2; lib/kamal/cli/traefik.rb@v1.9.3:56"},
	{Path: "traefik details", Until: V(2, 0, 0), Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:64"},
	{Path: "traefik logs", Until: V(2, 0, 0),
		Options: []Option{
			opt("since", "s", OptionString), opt("lines", "n", OptionNumeric), opt("grep", "g", OptionString),
			{Name: "grep_options", Short: "o", Type: OptionString, Since: V(1, 7, 0)}, opt("follow", "f", OptionString),
		},
		Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:74"},
	{Path: "traefik remove", Until: V(2, 0, 0), Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:95"},
	{Path: "traefik remove_container", Until: V(2, 0, 0), Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:104"},
	{Path: "traefik remove_image", Until: V(2, 0, 0), Hidden: true, Lock: locks, Cite: "lock-model.md §3; lib/kamal/cli/traefik.rb@v1.9.3:114"},
	{Path: "traefik downgrade", Since: V(1, 9, 0), Until: V(2, 0, 0), Lock: []LockSpan{{Rule: LocksInSteps}},
		Options: []Option{opt("rolling", "", OptionBoolean), opt("confirmed", "y", OptionBoolean)},
		Cite:    "lock-model.md §3, §4.2; lib/kamal/cli/traefik.rb@v1.9.3:126"},
}

// The options of the registry commands. lock-model.md §3; lib/kamal/cli/registry.rb@v2.12.0:3-4, @v1.7.0.
var (
	registryOptions   = []Option{opt("skip_local", "L", OptionBoolean), opt("skip_remote", "R", OptionBoolean)}
	registryOptionsV1 = []Option{{Name: "skip_local", Short: "L", Type: OptionBoolean, Since: V(1, 7, 0)}, {Name: "skip_remote", Short: "R", Type: OptionBoolean, Since: V(1, 7, 0)}}
)
