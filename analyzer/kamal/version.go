package kamal

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// Version is a Kamal gem version. Pre is a RubyGems pre-release tag ("rc1", "beta2"): a
// version with one sorts before the same version without, as RubyGems orders them.
type Version struct {
	Major, Minor, Patch int
	Pre                 string
}

// V builds a release version.
func V(major, minor, patch int) Version { return Version{Major: major, Minor: minor, Patch: patch} }

// Landmark versions the lock model keys on (lock-model.md §1).
var (
	// Oldest is the first release hooklint models; 0.x (MRSK) is not analysed.
	Oldest = V(1, 0, 0)
	// InheritsLock is the first release whose hooks get KAMAL_LOCK and whose nested
	// processes honour it (PR #1520, lock-model.md §2.4, §4.4).
	InheritsLock = V(2, 6, 0)
	// Newest is the newest release the tables were checked against.
	Newest = V(2, 12, 0)
	// LastBeforeInheritance stands in for an unknown version: the newest release in which a
	// nested locking call still fails under a held lock.
	LastBeforeInheritance = V(2, 5, 3)
)

// ParseVersion reads "2.5.3", "2.6" (patch 0), "2", "v2.5.3", "2.0.0.rc1" or "2.0.0-rc1".
func ParseVersion(s string) (Version, error) {
	orig := s
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	var v Version
	parts := strings.Split(s, ".")
	var nums []int
	for i, p := range parts {
		if pre, found := strings.CutPrefix(p, "-"); found && i > 0 {
			v.Pre = strings.Join(append([]string{pre}, parts[i+1:]...), ".")
			break
		}
		num, rest, _ := strings.Cut(p, "-")
		n, err := strconv.Atoi(num)
		if err != nil || num == "" || num[0] == '+' {
			// A dotted pre-release ("2.0.0.rc1") may only follow all three numbers.
			if len(nums) < 3 || !isPre(p) {
				return Version{}, fmt.Errorf("invalid version %q", orig)
			}
			v.Pre = strings.Join(parts[i:], ".")
			break
		}
		if len(nums) == 3 {
			return Version{}, fmt.Errorf("invalid version %q", orig)
		}
		nums = append(nums, n)
		if rest != "" {
			v.Pre = strings.Join(append([]string{rest}, parts[i+1:]...), ".")
			break
		}
	}
	if len(nums) == 0 {
		return Version{}, fmt.Errorf("invalid version %q", orig)
	}
	for len(nums) < 3 {
		nums = append(nums, 0)
	}
	v.Major, v.Minor, v.Patch = nums[0], nums[1], nums[2]
	return v, nil
}

// isPre reports whether a dotted part starts a RubyGems pre-release ("rc1", "beta").
func isPre(p string) bool {
	return p != "" && ('a' <= p[0] && p[0] <= 'z' || 'A' <= p[0] && p[0] <= 'Z')
}

// Compare returns -1, 0 or +1 as v sorts before, with or after w.
func (v Version) Compare(w Version) int {
	if c := cmp.Or(cmp.Compare(v.Major, w.Major), cmp.Compare(v.Minor, w.Minor), cmp.Compare(v.Patch, w.Patch)); c != 0 {
		return c
	}
	switch {
	case v.Pre == w.Pre:
		return 0
	case v.Pre == "":
		return 1
	case w.Pre == "":
		return -1
	}
	return cmp.Compare(v.Pre, w.Pre)
}

// Less reports whether v sorts before w.
func (v Version) Less(w Version) bool { return v.Compare(w) < 0 }

// AtLeast reports whether v is w or newer.
func (v Version) AtLeast(w Version) bool { return v.Compare(w) >= 0 }

// IsZero reports whether v is the zero Version, which stands for "no bound" in tables.
func (v Version) IsZero() bool { return v == Version{} }

// String renders v as RubyGems does: "2.5.3", "2.0.0.rc1".
func (v Version) String() string {
	b, _ := v.AppendText(nil)
	return string(b)
}

// AppendText appends v as String writes it to b (encoding.TextAppender): keys built of
// versions need no string of their own.
func (v Version) AppendText(b []byte) ([]byte, error) {
	b = strconv.AppendInt(b, int64(v.Major), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(v.Minor), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(v.Patch), 10)
	if v.Pre != "" {
		b = append(append(b, '.'), v.Pre...)
	}
	return b, nil
}

// In reports whether v lies in [since, until); a zero bound is open.
func (v Version) In(since, until Version) bool {
	return (since.IsZero() || v.AtLeast(since)) && (until.IsZero() || v.Less(until))
}

// Era is a span of releases with the same lock behaviour (lock-model.md §1.2).
type Era int

// The eras of lock-model.md §1.2.
const (
	E1 Era = iota + 1 // v1.0.0 – v1.5.2: `mutating`; deploy locks the build too
	E2                // v1.6.0 – v1.9.3: `with_lock`; build outside the lock
	E3                // v2.0.0 – v2.5.3: kamal-proxy, .kamal/lock-…
	E4                // v2.6.0 – v2.11.0: KAMAL_LOCK inheritance
	E5                // v2.12.0 – : --lock-wait
)

// eraStarts lists the first release of each era, in order (lock-model.md §1.2).
var eraStarts = [...]struct {
	era  Era
	from Version
}{
	{E1, V(1, 0, 0)},
	{E2, V(1, 6, 0)},
	{E3, V(2, 0, 0)},
	{E4, V(2, 6, 0)},
	{E5, V(2, 12, 0)},
}

// Era returns the era v belongs to; versions before 1.0.0 count as E1.
func (v Version) Era() Era {
	era := E1
	for _, e := range eraStarts {
		if v.AtLeast(e.from) {
			era = e.era
		}
	}
	return era
}

// String returns "E1" … "E5".
func (e Era) String() string { return fmt.Sprintf("E%d", int(e)) }
