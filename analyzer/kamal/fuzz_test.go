package kamal

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// fuzzLines are command lines after `kamal`, one word a line: literal words, computed
// words ($X, with a known prefix: --destination=$X) and spread words ($@).
var fuzzLines = []string{
	"accessory\nreboot\ndb\n-d\nstaging",
	"-d\nstaging\naccessory\nreboot\ndb",
	"app\nexec\n-i\n--reuse\nbin/rails console",
	"app\nexec\n--\nls\n-la",
	"app\nstale_containers\n--stop=false",
	"acc\nreb\n$@",
	"deploy\n-PH\n--destination=$DEST",
	"app\nboot\n-q\n-r\nweb\n--lock-wait",
	"lock\nacquire\n-m",
	"app\nlogs\n-n\nabc",
	"help\napp\nboot",
	"rb\n-d\nproduction",
	"$CMD\nreboot",
	"-dstaging\ndeploy",
	"app\n-d$X\nboot",
	"",
}

// fuzzAliases are deploy.yml aliases, one `name=expansion` a line.
const fuzzAliases = "rb=accessory reboot db\nloop=loop\nbad=app exec \"unterminated\nnested=rb -d production\ntwice=twice twice\nshipit=deploy --skip-push"

// fuzzReleases are the releases FuzzParseCall picks from: every release modelled, and
// versions before and after them.
var fuzzReleases = append([]Version{V(0, 9, 0), V(3, 0, 0), V(2, 6, 0)}, Releases...)

// fuzzWords decodes a line of FuzzParseCall's input into words.
func fuzzWords(line string) []Word {
	if line == "" {
		return nil
	}
	parts := strings.Split(line, "\n")
	words := make([]Word, len(parts))
	for i, s := range parts {
		switch {
		case s == "$@" || s == `"$@"` || s == "$*":
			words[i] = Word{Text: s, Spread: true, Index: i}
		case strings.Contains(s, "$"):
			prefix, _, _ := strings.Cut(s, "$")
			words[i] = Word{Text: s, Prefix: prefix, Index: i}
		default:
			words[i] = Word{Text: s, Known: true, Index: i}
		}
	}
	return words
}

// fuzzAliasMap decodes FuzzParseCall's alias input.
func fuzzAliasMap(s string) map[string]string {
	m := map[string]string{}
	for line := range strings.SplitSeq(s, "\n") {
		if name, exp, ok := strings.Cut(line, "="); ok {
			m[name] = exp
		}
	}
	return m
}

// FuzzParseCall resolves random command lines, with random aliases, at random releases.
// Nothing may panic; the same line must resolve the same way twice; a call that runs has a
// command, a call that does not has a problem, and every word it returns points into the
// line (or at the alias word it came from).
func FuzzParseCall(f *testing.F) {
	for i, line := range append(fuzzLines, fixtureCommandLines(f)...) {
		f.Add(line, fuzzAliases, uint8(i))
	}
	f.Fuzz(func(t *testing.T, line, aliases string, pick uint8) {
		v := fuzzReleases[int(pick)%len(fuzzReleases)]
		argv := fuzzWords(line)
		am := fuzzAliasMap(aliases)
		c := ParseCall(v, argv, am)
		if again := ParseCall(v, argv, am); !reflect.DeepEqual(c, again) {
			t.Fatalf("two parses differ:\n%+v\n%+v", c, again)
		}
		if (c.Kind == NoProblem) != (c.Problem == "") {
			t.Errorf("Kind %v with Problem %q", c.Kind, c.Problem)
		}
		if c.Runs() && c.Command == nil {
			t.Errorf("runs without a command")
		}
		if c.TakesLock(v) && !c.Runs() {
			t.Errorf("takes the lock without running")
		}
		check := func(what string, w Word) {
			if len(argv) == 0 || w.Index < 0 || w.Index >= len(argv) {
				t.Errorf("%s %q: index %d outside a %d-word line", what, w.Text, w.Index, len(argv))
			}
		}
		for _, w := range c.Words {
			check("command word", w)
		}
		for _, w := range c.Args {
			check("argument", w)
		}
		for _, m := range []map[string]Word{c.Options, c.Switches, c.Squeezed} {
			for name, w := range m {
				check("option "+name, w)
			}
		}
	})
}

// FuzzSplitWords splits random alias command lines as Ruby's Shellwords does. Nothing may
// panic, and the words of a line that splits, each quoted as Shellwords.escape would, must
// split back to the same words.
func FuzzSplitWords(f *testing.F) {
	for _, s := range []string{
		`app exec "bin/rails console"`, `a 'b c' d\ e`, `"a\"b" 'it'\''s'`, `x "a\$b\\c\n"`,
		"a\\\nb", `"unterminated`, `''`, "tab\tsep\vand\fmore\r", "nul\x00byte", `\`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := SplitWords(s)
		if err != nil {
			return
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
		back, err := SplitWords(strings.Join(quoted, " "))
		if err != nil {
			t.Fatalf("re-splitting %q: %v", quoted, err)
		}
		if len(words) == 0 && len(back) == 0 {
			return
		}
		if !reflect.DeepEqual(back, words) {
			t.Fatalf("SplitWords(%q) = %q, quoted and split again %q", s, words, back)
		}
	})
}

// fixtureCommandLines returns the words after `kamal` on the fixtures' hook lines, one
// word a line, as FuzzParseCall takes them.
func fixtureCommandLines(tb testing.TB) []string {
	tb.Helper()
	cases, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "cases", "*.txtar"))
	var out []string
	for _, c := range cases {
		data, err := os.ReadFile(c)
		if err != nil {
			tb.Fatal(err)
		}
		for _, file := range txtar.Parse(data).Files {
			sc := bufio.NewScanner(bytes.NewReader(file.Data))
			for sc.Scan() {
				_, rest, ok := strings.Cut(sc.Text(), "kamal ")
				if !ok {
					continue
				}
				if words, err := SplitWords(rest); err == nil {
					out = append(out, strings.Join(words, "\n"))
				}
			}
		}
	}
	return out
}
