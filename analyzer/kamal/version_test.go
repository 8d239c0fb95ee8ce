package kamal

import "testing"

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in   string
		want Version
		err  bool
	}{
		{"2.5.3", V(2, 5, 3), false},
		{"v2.12.0", V(2, 12, 0), false},
		{"2.6", V(2, 6, 0), false},
		{"2", V(2, 0, 0), false},
		{"2.0.0.rc1", Version{2, 0, 0, "rc1"}, false},
		{"2.0.0.beta1", Version{2, 0, 0, "beta1"}, false},
		{"2.0.0-rc1", Version{2, 0, 0, "rc1"}, false},
		{" 1.9.3 ", V(1, 9, 3), false},
		{"", Version{}, true},
		{"abc", Version{}, true},
		{"2.x", Version{}, true},
		{"1.2.3.4", Version{}, true},
		{"-1.0", Version{}, true},
	}
	for _, tt := range tests {
		got, err := ParseVersion(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseVersion(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseVersion(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	ordered := []string{"1.0.0", "1.5.2", "1.6.0", "1.9.3", "2.0.0.beta1", "2.0.0.rc1", "2.0.0", "2.5.3", "2.6.0", "2.10.0", "2.12.0"}
	for i := range ordered {
		for j := range ordered {
			a, b := MustVersion(ordered[i]), MustVersion(ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestEra(t *testing.T) {
	tests := []struct {
		v    string
		want Era
	}{
		{"0.16.1", E1}, {"1.0.0", E1}, {"1.5.2", E1}, {"1.6.0", E2}, {"1.9.3", E2},
		{"2.0.0.rc1", E2}, {"2.0.0", E3}, {"2.5.3", E3}, {"2.6.0", E4}, {"2.11.0", E4},
		{"2.12.0", E5}, {"3.0.0", E5},
	}
	for _, tt := range tests {
		if got := MustVersion(tt.v).Era(); got != tt.want {
			t.Errorf("%s.Era() = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestVersionString(t *testing.T) {
	for _, s := range []string{"2.5.3", "2.0.0.rc1", "1.9.3"} {
		if got := MustVersion(s).String(); got != s {
			t.Errorf("String() = %q, want %q", got, s)
		}
	}
}

// MustVersion is [ParseVersion] for constants; it panics on a malformed literal.
func MustVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}
