package shell

import (
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// specialWrappers are commands that run another command in a way of their own. Each
// returns the command line it runs and the end of the words that name the wrapper, and
// false when argv does not run a command.
var specialWrappers = map[string]func(argv []Field, c *Command) ([]Field, syntax.Pos, bool){
	"find":   findExec,
	"su":     suCommand,
	"ssh":    sshCommand,
	"docker": dockerRun,
}

// shellCommand renders `SHELL -c SCRIPT` for a wrapper that runs a script string, so that
// the script is walked like any other (see shellScript).
func shellCommand(shell string, flag, script Field) []Field {
	return []Field{{Text: shell, Known: true, Pos: flag.Pos, End: flag.End}, {Text: "-c", Known: true, Pos: flag.Pos, End: flag.End}, script}
}

// loginShell is the shell a script string given to su or ssh runs in: the user's login
// shell, read as bash, which is what servers and workstations give users and which reads
// every POSIX script alike.
const loginShell = "bash"

// findExec reads `find ... -exec CMD ... ;` (also -execdir, -ok, -okdir, and `{} +`): the
// command between the action and its terminator, with `{}` standing for the files found.
// Only the first action is read.
func findExec(argv []Field, c *Command) ([]Field, syntax.Pos, bool) {
	for i, a := range argv {
		if !a.Known || a.Text != "-exec" && a.Text != "-execdir" && a.Text != "-ok" && a.Text != "-okdir" {
			continue
		}
		var cmd []Field
		for _, w := range argv[i+1:] {
			if w.Known && (w.Text == ";" || w.Text == "+") {
				break
			}
			if w.Known && strings.Contains(w.Text, "{}") {
				w = Field{Text: w.Text, Prefix: strings.Split(w.Text, "{}")[0], Pos: w.Pos, End: w.End}
			}
			cmd = append(cmd, w)
		}
		return cmd, argv[0].End, len(cmd) > 0
	}
	return nil, syntax.Pos{}, false
}

// suCommand reads `su [-|-l|--login] [USER] -c SCRIPT`: the script runs in the user's shell.
// A login shell starts with a fresh environment; plain su keeps it but for HOME, SHELL,
// USER and LOGNAME (util-linux su(1)).
func suCommand(argv []Field, c *Command) ([]Field, syntax.Pos, bool) {
	var script *Field
	login := false
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		switch {
		case !a.Known:
		case a.Text == "-" || a.Text == "-l" || a.Text == "--login":
			login = true
		case (a.Text == "-c" || a.Text == "--command") && i+1 < len(argv):
			script = &argv[i+1]
			i++
		case strings.HasPrefix(a.Text, "--command="):
			f := a
			f.Text = strings.TrimPrefix(a.Text, "--command=")
			script = &f
		case a.Text == "-s" || a.Text == "--shell" || a.Text == "-g" || a.Text == "--group" || a.Text == "-G" || a.Text == "--supp-group":
			i++
		}
	}
	if script == nil {
		return nil, syntax.Pos{}, false
	}
	if login {
		c.changes = append(c.changes, envChange{value: EnvValue{State: EnvCleared, Cause: CauseLogin, Pos: argv[0].Pos}})
	}
	return shellCommand(loginShell, argv[0], *script), argv[0].End, true
}

// sshValueOpts are the options of ssh that take a value.
var sshValueOpts = set("-B", "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-P", "-p", "-Q", "-R", "-S", "-W", "-w")

// sshCommand reads `ssh [options] HOST COMMAND...`: the command runs on HOST, in a new
// environment (ssh passes none of the hook's variables unless configured to). ssh joins
// its words with spaces for the remote user's shell to parse, so a single word is a
// script string, walked as `sh -c` would walk it; several words are read as the command
// line they spell.
func sshCommand(argv []Field, c *Command) ([]Field, syntax.Pos, bool) {
	host, ended := skipSSHOptions(argv, 1)
	cmd := host + 1
	if !ended {
		// OpenSSH reads options after the host too, up to the command or "--"; after a
		// "--" before the host, none.
		cmd, _ = skipSSHOptions(argv, cmd)
	}
	if cmd >= len(argv) {
		return nil, syntax.Pos{}, false // no remote command: an interactive login
	}
	c.changes = append(c.changes, envChange{value: EnvValue{State: EnvCleared, Cause: CauseSSH, Pos: argv[0].Pos}})
	if rest := argv[cmd:]; len(rest) > 1 {
		return rest, argv[0].End, true
	}
	return shellCommand(loginShell, argv[0], argv[cmd]), argv[0].End, true
}

// skipSSHOptions returns the index of the first word from i on that is not an option of
// ssh or its value, and whether a "--" ended them. Options cluster as getopt reads them
// (see splitOptions).
func skipSSHOptions(argv []Field, i int) (int, bool) {
	for i < len(argv) && argv[i].Known && strings.HasPrefix(argv[i].Text, "-") && argv[i].Text != "-" {
		a := argv[i].Text
		i++
		if a == "--" {
			return i, true
		}
		if opts := splitOptions(a, sshValueOpts); len(opts) > 0 && opts[len(opts)-1].takesNext {
			i++ // the value is the next word
		}
	}
	return i, false
}

// sshOption reports whether the options of an ssh command line, up to its host, include
// opt ("-n").
func sshOption(argv []Field, opt string) bool {
	host, _ := skipSSHOptions(argv, 1)
	for _, a := range argv[1:host] {
		for _, o := range splitOptions(a.Text, sshValueOpts) {
			if o.opt == opt {
				return true
			}
		}
	}
	return false
}

// dockerValueOpts are the options of `docker run` that take a separate value.
var dockerValueOpts = set("-a", "--attach", "--add-host", "--cidfile", "--cpus", "--device", "--dns", "-e", "--env",
	"--env-file", "--entrypoint", "--gpus", "--group-add", "-h", "--hostname", "--ipc", "-l", "--label", "--label-file",
	"--log-driver", "--log-opt", "-m", "--memory", "--mount", "--name", "--network", "--net", "-p", "--publish", "--pid",
	"--platform", "--pull", "--restart", "--runtime", "--security-opt", "--shm-size", "--stop-signal", "--tmpfs",
	"--ulimit", "-u", "--user", "--userns", "-v", "--volume", "--volumes-from", "-w", "--workdir")

// kamalImageTag reports whether image is Kamal's published image, under any registry
// (ghcr.io/basecamp/kamal:v2.5.3), and returns its tag, "" without one. It matches what
// ^(?:[^/]+/)*basecamp/kamal(?::([^@]+))?(?:@.*)?$ matches, the tag its group (checked
// against that expression by match_test.go): the parts of the path before
// basecamp/kamal are not empty, the tag holds no "@", and what follows an "@" holds no
// newline. Since a tag may hold "/", basecamp/kamal may start more than one match; the
// greedy repetition makes the last win. One pass from the end: no backtracking.
func kamalImageTag(image string) (tag string, ok bool) {
	const name = "basecamp/kamal"
	// Where basecamp/kamal may start: after no empty part, so not past the first "//".
	last := len(image)
	if strings.HasPrefix(image, "/") {
		last = 0
	} else if i := strings.Index(image, "//"); i >= 0 {
		last = i + 1
	}
	nl := strings.LastIndexByte(image, '\n')
	at := -1 // the first "@" at or after k
	for k := len(image); k >= 0; k-- {
		if k < len(image) && image[k] == '@' {
			at = k
		}
		if k > last || k > 0 && image[k-1] != '/' || !strings.HasPrefix(image[k:], name) {
			continue
		}
		rest := k + len(name)
		switch {
		case rest == len(image):
			return "", true
		case image[rest] == '@':
			if nl < rest {
				return "", true
			}
		case image[rest] == ':':
			// The tag runs to the first "@", or to the end.
			end := len(image)
			if at >= 0 {
				end = at
			}
			if end > rest+1 && nl < end {
				return image[rest+1 : end], true
			}
		}
	}
	return "", false
}

// dockerRun reads `docker run [options] IMAGE ARGS` (and `docker container run`) of Kamal's
// image, or of any image with `--entrypoint kamal`: a nested kamal whose command line is
// ARGS. Its environment holds only what -e/--env/--env-file pass; the image tag, when it
// is a version, is the nested Kamal's.
func dockerRun(argv []Field, c *Command) ([]Field, syntax.Pos, bool) {
	i := 1
	if i < len(argv) && argv[i].Known && argv[i].Text == "container" {
		i++
	}
	if i >= len(argv) || !argv[i].Known || argv[i].Text != "run" {
		return nil, syntax.Pos{}, false
	}
	runEnd := argv[i].End
	i++
	entrypoint := ""
	var keep []string
	for i < len(argv) && argv[i].Known && strings.HasPrefix(argv[i].Text, "-") {
		opt, val, hasVal := strings.Cut(argv[i].Text, "=")
		if dockerValueOpts[opt] && !hasVal && i+1 < len(argv) {
			i++
			val = argv[i].Text
		}
		switch opt {
		case "--entrypoint":
			entrypoint = val
		case "-e", "--env":
			name, _, _ := strings.Cut(val, "=")
			keep = append(keep, name)
		case "--env-file":
			keep = append(keep, "*") // what the file holds is not read
		}
		i++
	}
	if i >= len(argv) || !argv[i].Known {
		return nil, syntax.Pos{}, false
	}
	image := argv[i]
	tag, isKamal := kamalImageTag(image.Text)
	if !isKamal && entrypoint != "kamal" {
		return nil, syntax.Pos{}, false
	}
	if tag != "" {
		c.Image = tag
	} else if isKamal {
		c.Image = "latest"
	}
	if !slices.Contains(keep, "*") {
		c.changes = append(c.changes, envChange{keep: keep, value: EnvValue{State: EnvCleared, Cause: CauseDocker, Pos: argv[0].Pos}})
	}
	prog := Field{Text: "kamal", Known: true, Pos: image.Pos, End: image.End}
	return append([]Field{prog}, argv[i+1:]...), runEnd, true
}
