package analyzer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/analyzer/script"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// scriptFiles are the project's script files that hooks run or source, read and parsed
// once per run, for all hooks. Kamal runs hooks in the directory it runs in, the project
// root, so paths are resolved against it; a file outside the project is never followed.
type scriptFiles struct {
	proj *project.Project
	root string
	// realRoot is root with its symbolic links resolved, computed on first use; "" when
	// they cannot be.
	realRoot func() string

	mu sync.Mutex
	// places caches where each name, as hooks write it, leads (see place).
	places map[string]place
	files  map[scriptKey]*scriptFile
	// named caches what each name, as hooks write it, resolved to: most names are programs
	// that are no file of the project (bin/kamal is Ruby, /usr/bin/x outside it).
	named map[scriptKey]*shell.File
	// foreignNamed caches what each name resolved to as a Ruby or Python script.
	foreignNamed map[string]*foreignScript
}

type scriptKey struct {
	rel     string
	variant syntax.LangVariant
	own     bool // parsed as its own interpreter line says
}

// scriptFile is one followed file: parsed, with its line index for positions.
type scriptFile struct {
	file  *shell.File
	lines *lineIndex
}

func newScriptFiles(p *project.Project) *scriptFiles {
	return &scriptFiles{proj: p, root: p.Root, places: map[string]place{}, files: map[scriptKey]*scriptFile{}, named: map[scriptKey]*shell.File{},
		foreignNamed: map[string]*foreignScript{},
		realRoot: sync.OnceValue(func() string {
			rr, _ := filepath.EvalSymlinks(p.Root)
			return rr
		})}
}

// place is where a name, as a hook writes it, leads: a file of the project to read, at
// rel (a slash path relative to the project root), or nowhere.
type place struct {
	rel      string
	readable bool
}

// place resolves name once for all the project's hooks, as a shell script or as a Ruby
// or Python one. A name leads nowhere when it is outside the project, when a link takes
// it out, or when nothing is there: most names are programs that are no file of the
// project (bin/kamal is Ruby, often not there at all).
func (s *scriptFiles) place(name string) place {
	return memo(&s.mu, s.places, name, s.locate)
}

// memo returns m[k], computing it with f, outside the lock, the first time. Two callers
// may both compute it; they get equal values.
func memo[K comparable, V any](mu *sync.Mutex, m map[K]V, k K, f func(K) V) V {
	mu.Lock()
	v, ok := m[k]
	mu.Unlock()
	if ok {
		return v
	}
	v = f(k)
	mu.Lock()
	m[k] = v
	mu.Unlock()
	return v
}

func (s *scriptFiles) locate(name string) place {
	full := name
	if !filepath.IsAbs(full) {
		full = filepath.Join(s.root, filepath.FromSlash(name))
	}
	rel, err := filepath.Rel(s.root, filepath.Clean(full))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return place{}
	}
	// A link may lead out of the project even from a path inside it. A project in memory
	// has no links.
	if s.proj.InMemory() {
		return place{rel: filepath.ToSlash(rel), readable: true}
	}
	// A name that is not there costs one lstat rather than one for each directory of its
	// path, and is not read.
	if _, err := os.Lstat(full); err != nil {
		return place{}
	}
	if real, err := filepath.EvalSymlinks(full); err == nil {
		if rr := s.realRoot(); rr != "" {
			if r, err := filepath.Rel(rr, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				return place{}
			}
		}
	}
	return place{rel: filepath.ToSlash(rel), readable: true}
}

// open is the walk's [shell.Config.Open]: the shell script name stands for, parsed in
// variant (or as its interpreter line says), or nil when it is missing, unreadable,
// outside the project or not a shell script.
func (s *scriptFiles) open(name string, variant *syntax.LangVariant) *shell.File {
	asWritten := scriptKey{rel: name, own: variant == nil}
	if variant != nil {
		asWritten.variant = *variant
	}
	return memo(&s.mu, s.named, asWritten, func(scriptKey) *shell.File { return s.resolve(name, variant) })
}

// resolve reads and parses the file a name stands for, once per file and dialect.
func (s *scriptFiles) resolve(name string, variant *syntax.LangVariant) *shell.File {
	at := s.place(name)
	if !at.readable {
		return nil
	}
	rel := at.rel
	key := scriptKey{rel: rel, own: variant == nil}
	if variant != nil {
		key.variant = *variant
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.files[key]; ok {
		if f == nil {
			return nil
		}
		return f.file
	}
	s.files[key] = nil
	src, err := readHook(s.proj, s.proj.Path(rel))
	if err != nil {
		return nil
	}
	var h *Hook
	if variant != nil {
		h = parseAs(rel, src, *variant)
	} else {
		h = ParseHook("", rel, src)
	}
	if !h.Shell || len(h.SyntaxErrors) > 0 {
		return nil // not a script hooklint reads, or one the shell would refuse
	}
	f := &scriptFile{
		file:  &shell.File{Name: rel, Src: src, Variant: h.Variant, Stmts: h.Stmts, Errexit: shell.ErrexitFlags(h.ShebangArgs)},
		lines: h.lines,
	}
	s.files[key] = f
	return f.file
}

// span returns a span in a followed file.
func (s *scriptFiles) span(file *shell.File, start, end syntax.Pos) (Span, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.files {
		if f != nil && f.file == file {
			return f.lines.span(start, end), true
		}
	}
	return Span{}, false
}

// parseAs parses src in a given dialect, whatever its interpreter line says.
func parseAs(file string, src []byte, variant syntax.LangVariant) *Hook {
	h := &Hook{File: file, Src: src, lines: newLineIndex(src), Shell: true, Variant: variant}
	h.parse()
	return h
}

// foreign reads a Ruby or Python script of the project that a hook runs by name, for the
// hook's worlds: its file's name and its commands (see [shell.Config.Foreign]).
func (s *scriptFiles) foreign(name string, worlds []shell.World) (string, []*shell.Command) {
	f := s.foreignFile(name)
	if f == nil {
		return "", nil
	}
	res := script.Walk(f.lang, f.src, shell.Config{Worlds: worlds, MaybeSet: kamalSets})
	cmds := make([]*shell.Command, 0, len(res.Commands))
	for _, c := range res.Commands {
		cmds = append(cmds, shell.Foreign(c.Argv, c.Wrappers, c.Worlds, c.Failure, c.Env))
	}
	return f.rel, cmds
}

// foreignScript is a Ruby or Python file of the project, as a hook names it.
type foreignScript struct {
	rel  string
	src  []byte
	lang script.Lang
}

// foreignFile reads the Ruby or Python script name stands for, once per name for all the
// project's hooks: nil when it is none (most names are programs that are no file of the
// project, bin/kamal among them when it is not there).
func (s *scriptFiles) foreignFile(name string) *foreignScript {
	return memo(&s.mu, s.foreignNamed, name, s.readForeign)
}

func (s *scriptFiles) readForeign(name string) *foreignScript {
	at := s.place(name)
	if !at.readable {
		return nil
	}
	rel := at.rel
	src, err := readHook(s.proj, s.proj.Path(rel))
	if err != nil {
		return nil
	}
	_, interp, _ := shebang(firstLine(src))
	lang, ok := script.LangOf(interp)
	if !ok {
		return nil
	}
	return &foreignScript{rel: rel, src: src, lang: lang}
}

// firstLine returns a file's first line when it is an interpreter line, without its line
// ending.
func firstLine(src []byte) string {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	if !bytes.HasPrefix(line, []byte("#!")) {
		return ""
	}
	return string(bytes.TrimSuffix(line, []byte("\r")))
}
