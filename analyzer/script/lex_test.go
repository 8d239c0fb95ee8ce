package script

import (
	"strings"
	"testing"
)

// strings renders the string-like tokens of a file: kind, value, and {} for a hole.
func lexStrings(lang Lang, src string) string {
	toks := lexRuby([]byte(src))
	if lang == Python {
		toks = lexPython([]byte(src))
	}
	var out []string
	render := func(s *strLit) string {
		var sb strings.Builder
		hi := 0
		for k := 0; k <= len(s.val); k++ {
			for hi < len(s.holes) && s.holes[hi].at == k {
				sb.WriteString("{" + src[s.holes[hi].pos:s.holes[hi].end] + "}")
				hi++
			}
			if k < len(s.val) {
				sb.WriteByte(s.val[k])
			}
		}
		return sb.String()
	}
	for _, t := range toks {
		switch t.kind {
		case tString:
			out = append(out, "s:"+render(t.str))
		case tCommand:
			out = append(out, "x:"+render(t.str))
		case tWords:
			var ws []string
			for _, w := range t.words {
				ws = append(ws, render(w))
			}
			out = append(out, "w:"+strings.Join(ws, ","))
		case tIndent:
			out = append(out, ">")
		case tDedent:
			out = append(out, "<")
		case tIdent:
			if t.text == "kamal" {
				out = append(out, "kamal")
			}
		}
	}
	return strings.Join(out, " ")
}

var lexTests = []struct {
	name string
	lang Lang
	src  string
	want string
}{
	{"ruby comment hides code", Ruby, "# system('kamal deploy')\nx = 1 # kamal\n", ""},
	{"ruby =begin", Ruby, "=begin\nkamal `x`\n=end\n'a'", "s:a"},
	{"ruby __END__", Ruby, "'a'\n__END__\n`kamal deploy`", "s:a"},
	{"ruby double quotes", Ruby, `"a\"b\n#{x}c\#{y}"`, "s:a\"b\n{#{x}}c#{y}"},
	{"ruby single quotes", Ruby, `'a\'b\n#{x}'`, `s:a'b\n#{x}`},
	{"ruby nested interpolation", Ruby, `"k #{ENV["X"] + "}"} z"`, `s:k {#{ENV["X"] + "}"}} z`},
	{"ruby backticks", Ruby, "`kamal #{cmd}`", "x:kamal {#{cmd}}"},
	{"ruby %x()", Ruby, "%x(kamal (app) details)", "x:kamal (app) details"},
	{"ruby %x[]", Ruby, "%x[kamal app]", "x:kamal app"},
	{"ruby %x{}", Ruby, "%x{kamal app}", "x:kamal app"},
	{"ruby %x<>", Ruby, "%x<kamal app>", "x:kamal app"},
	{"ruby %x||", Ruby, "%x|kamal app|", "x:kamal app"},
	{"ruby %x!!", Ruby, "%x!kamal app!", "x:kamal app"},
	{"ruby %w", Ruby, "%w[kamal app  boot]", "w:kamal,app,boot"},
	{"ruby %q %Q %()", Ruby, "%q(a#{b})\n%Q(a#{b})\n%(c)", "s:a#{b} s:a{#{b}} s:c"},
	{"ruby modulo is not a literal", Ruby, "x = a % (b)\n", ""},
	{"ruby regexp hides quotes", Ruby, `x =~ /it's/` + "\n'a'", "s:a"},
	{"ruby division", Ruby, "a = b / c / d\n'a'", "s:a"},
	{"ruby heredoc", Ruby, "x = <<EOS\n  kamal #{a}\nEOS\n'b'", "s:  kamal {#{a}}\n s:b"},
	{"ruby squiggly heredoc", Ruby, "x = <<~EOS\n    kamal\n      app\n  EOS\n", "s:kamal\n  app\n"},
	{"ruby dash heredoc", Ruby, "x = <<-'EOS'\n  a #{b}\n  EOS\n", "s:  a #{b}\n"},
	{"ruby two heredocs", Ruby, "f(<<A, <<B)\na\nA\nb\nB\n'c'", "s:a\n s:b\n s:c"},
	{"ruby command heredoc", Ruby, "<<~`SH`\n  kamal app boot\nSH\n", "x:kamal app boot\n"},
	{"ruby shift is not a heredoc", Ruby, "a << B\n'c'", "s:c"},
	{"ruby unterminated string", Ruby, `"kamal`, "s:kamal"},
	{"ruby unterminated heredoc", Ruby, "x = <<~EOS\nkamal", "s:kamal"},
	{"ruby symbol string", Ruby, `:"a" 'b'`, "s:b"},
	{"ruby char literal", Ruby, `?a + 'b'`, "s:a s:b"},
	{"python comment", Python, "# os.system('kamal')\nx = 1\n", ""},
	{"python quotes", Python, `'a\'b' "c\n"`, "s:a'b s:c\n"},
	{"python triple", Python, "'''a\n'b'\n''' \"\"\"c\"\"\"", "s:a\n'b'\n s:c"},
	{"python raw", Python, `r'a\nb' R"c\"d"`, `s:a\nb s:c\"d`},
	{"python bytes", Python, `b'kamal' rb"x"`, "s:kamal s:x"},
	{"python f-string", Python, `f"kamal {cmd!r:>{w}} {{x}}"`, "s:kamal {{cmd!r:>{w}}} {x}"},
	{"python f-string nested quotes", Python, `f"a {d["k"]} b"`, `s:a {{d["k"]}} b`},
	{"python unterminated", Python, "'kamal\nx = 'b'", "s:kamal s:b"},
	{"python indentation", Python, "if a:\n    b\n    if c:\n        d\ne\n", "> > < <"},
	{"python brackets join lines", Python, "x = [\n  'a',\n    'b']\n", "s:a s:b"},
}

func TestLex(t *testing.T) {
	for _, tt := range lexTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lexStrings(tt.lang, tt.src); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLangOf(t *testing.T) {
	for interp, want := range map[string]Lang{"ruby": Ruby, "python3": Python, "python": Python, "python3.12": Python, "bash": 0, "pythonista": 0} {
		got, ok := LangOf(interp)
		if got != want || ok != (want != 0) {
			t.Errorf("LangOf(%q) = %v, %v", interp, got, ok)
		}
	}
}
