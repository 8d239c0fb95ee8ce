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

	mu    sync.Mutex
	files map[scriptKey]*scriptFile
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
	return &scriptFiles{proj: p, root: p.Root, files: map[scriptKey]*scriptFile{}, named: map[scriptKey]*shell.File{},
		foreignNamed: map[string]*foreignScript{},
		realRoot: sync.OnceValue(func() string {
			rr, _ := filepath.EvalSymlinks(p.Root)
			return rr
		})}
}

// rel resolves name, as a hook names it, to a slash path relative to the project root;
// ok is false outside the project.
func (s *scriptFiles) rel(name string) (string, bool) {
	full := name
	if !filepath.IsAbs(full) {
		full = filepath.Join(s.root, filepath.FromSlash(name))
	}
	rel, err := filepath.Rel(s.root, filepath.Clean(full))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	// A link may lead out of the project even from a path inside it. A project in memory
	// has no links.
	if s.proj.InMemory() {
		return filepath.ToSlash(rel), true
	}
	// Most names are programs that are no file of the project (bin/kamal is Ruby, often
	// not there at all): a name that is not there cannot lead anywhere, and costs one
	// lstat rather than one for each directory of its path.
	if _, err := os.Lstat(full); err != nil {
		return filepath.ToSlash(rel), true
	}
	if real, err := filepath.EvalSymlinks(full); err == nil {
		if rr := s.realRoot(); rr != "" {
			if r, err := filepath.Rel(rr, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
				return "", false
			}
		}
	}
	return filepath.ToSlash(rel), true
}

// open is the walk's [shell.Config.Open]: the shell script name stands for, parsed in
// variant (or as its interpreter line says), or nil when it is missing, unreadable,
// outside the project or not a shell script.
func (s *scriptFiles) open(name string, variant *syntax.LangVariant) *shell.File {
	asWritten := scriptKey{rel: name, own: variant == nil}
	if variant != nil {
		asWritten.variant = *variant
	}
	s.mu.Lock()
	f, ok := s.named[asWritten]
	s.mu.Unlock()
	if ok {
		return f
	}
	f = s.resolve(name, variant)
	s.mu.Lock()
	s.named[asWritten] = f
	s.mu.Unlock()
	return f
}

// resolve reads and parses the file a name stands for, once per file and dialect.
func (s *scriptFiles) resolve(name string, variant *syntax.LangVariant) *shell.File {
	rel, ok := s.rel(name)
	if !ok {
		return nil
	}
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
	s.mu.Lock()
	f, ok := s.foreignNamed[name]
	s.mu.Unlock()
	if ok {
		return f
	}
	f = s.readForeign(name)
	s.mu.Lock()
	s.foreignNamed[name] = f
	s.mu.Unlock()
	return f
}

func (s *scriptFiles) readForeign(name string) *foreignScript {
	rel, ok := s.rel(name)
	if !ok {
		return nil
	}
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
