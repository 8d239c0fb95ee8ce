package editdist

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"kamal", "kamal", 0},
		{"restart", "start", 2},
		{"post-dpeloy", "post-deploy", 1}, // a swap costs one
		{"KAMAL_ROLE", "KAMAL_ROLES", 1},
		{"lock-conflicts", "lock-conflict", 1},
		{"abc", "xyz", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		word  string
		names []string
		want  string
	}{
		{"restart", []string{"start", "stop", "boot"}, "start"},
		{"KAMAL_ROLE", []string{"KAMAL_ROLES", "KAMAL_HOSTS"}, "KAMAL_ROLES"},
		{"xyz", []string{"start", "stop"}, ""},
		{"stat", []string{"stop", "start"}, "start"}, // equals: the first in order
		{"a", []string{"b"}, "b"},                    // one edit is close for short words
	}
	for _, tt := range tests {
		if got := Nearest(tt.word, tt.names); got != tt.want {
			t.Errorf("Nearest(%q, %v) = %q, want %q", tt.word, tt.names, got, tt.want)
		}
	}
}
