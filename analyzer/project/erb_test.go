package project

import (
	"bytes"
	"slices"
	"testing"
)

func TestNeutraliseERB(t *testing.T) {
	tests := []struct {
		name string
		src  string
		out  string
		tags []string
	}{
		{"no ERB", "service: app\n", "service: app\n", nil},
		{"output tag", "host: <%= ENV[\"X\"] %>\n", "host: __hooklint_erb_0__\n", []string{`<%= ENV["X"] %>`}},
		{"raw output tag", "a: <%== x %>\n", "a: __hooklint_erb_0__\n", []string{"<%== x %>"}},
		{"trimmed output tag", "a: <%= x -%>\nb: 1\n", "a: __hooklint_erb_0__\nb: 1\n", []string{"<%= x -%>"}},
		{"inside quotes", `a: "db-<%= x %>.local"` + "\n", `a: "db-__hooklint_erb_0__.local"` + "\n", []string{"<%= x %>"}},
		{"control tags blanked", "<% if prod %>\na: 1\n<% else %>\na: 2\n<% end %>\n", "\na: 1\n\na: 2\n\n", nil},
		{"trimmed control tags", "  <%- if prod -%>\na: 1\n<%- end -%>\n", "  \na: 1\n\n", nil},
		{"comment", "<%# note %>a: 1\n", "a: 1\n", nil},
		{"literal <%%", "a: '<%%= x %>'\n", "a: '<%= x %>'\n", nil},
		{"%%> inside a tag", `a: <%= "100%%>" %>` + "\n", "a: __hooklint_erb_0__\n", []string{`<%= "100%%>" %>`}},
		{"multi-line output tag", "a: <%= f(\n  1) %>\nb: 2\n", "a: __hooklint_erb_0__\n\nb: 2\n", []string{"<%= f(\n  1) %>"}},
		{"multi-line control tag at end", "a: 1\n<%\n x = 1\n%>", "a: 1\n\n\n", nil},
		{"adjacent tags", "a: <%= x %><%= y %>\n", "a: __hooklint_erb_0____hooklint_erb_1__\n", []string{"<%= x %>", "<%= y %>"}},
		{"unterminated", "a: <%= x\nb: 1\n", "a: __hooklint_erb_0__\n\n", []string{"<%= x\nb: 1\n"}},
		{"lone <", "a: <b> %>\n", "a: <b> %>\n", nil},
		{"stem in user text", "a: __hooklint_erb_0__ <%= x %>\n", "a: __hooklint_erb_0__ __hooklint_erb1_0__\n", []string{"<%= x %>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, tags := NeutraliseERB([]byte(tt.src))
			if string(out) != tt.out {
				t.Errorf("out = %q, want %q", out, tt.out)
			}
			if !slices.Equal(tags, tt.tags) {
				t.Errorf("tags = %q, want %q", tags, tt.tags)
			}
			if got, want := bytes.Count(out, []byte{'\n'}), bytes.Count([]byte(tt.src), []byte{'\n'}); got != want {
				t.Errorf("%d lines out, %d in", got, want)
			}
		})
	}
}

func TestNeutraliseAsComments(t *testing.T) {
	src := "service: app\n  <%= extra %>\nlist: [<%= x %>]\n"
	r := neutralise([]byte(src), pickStem([]byte(src)), true)
	want := "service: app\n  # __hooklint_erb_0__\nlist: [__hooklint_erb_1__]\n"
	if string(r.out) != want || !r.lineTags {
		t.Errorf("out = %q (lineTags %v), want %q", r.out, r.lineTags, want)
	}
}

func TestResubstitute(t *testing.T) {
	r := newResubstituter("__hooklint_erb_", []string{"<%= a %>", "<%= b %>"})
	tests := []struct {
		in, want string
		dyn      bool
	}{
		{"plain", "plain", false},
		{"__hooklint_erb_0__", "<%= a %>", true},
		{"x-__hooklint_erb_1__-__hooklint_erb_0__", "x-<%= b %>-<%= a %>", true},
		{"__hooklint_erb_7__", "__hooklint_erb_7__", true}, // out of range: kept as is
	}
	for _, tt := range tests {
		got, dyn := r.apply(tt.in)
		if got != tt.want || dyn != tt.dyn {
			t.Errorf("apply(%q) = %q, %v; want %q, %v", tt.in, got, dyn, tt.want, tt.dyn)
		}
	}
}
