package driver

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
)

// ruleSettings is [Options.RuleSeverity] resolved against the rule list: the one place
// where per-rule settings change what the rules report.
type ruleSettings struct {
	rules    []*analyzer.Rule
	off      map[string]bool              // by rule ID
	severity map[string]analyzer.Severity // by rule ID
}

// newRuleSettings resolves settings keyed by rule ID or name. An unknown rule, an invalid
// value, or one rule set twice (by ID and by name) is an error.
func newRuleSettings(rules []*analyzer.Rule, settings map[string]string) (*ruleSettings, error) {
	rs := &ruleSettings{rules: rules, off: map[string]bool{}, severity: map[string]analyzer.Severity{}}
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same error whatever the map's order
	setBy := map[string]string{}
	for _, key := range keys {
		r := analyzer.FindRule(rules, key)
		if r == nil {
			return nil, fmt.Errorf("rule setting %q: no such rule", key)
		}
		if prev, ok := setBy[r.ID]; ok {
			return nil, fmt.Errorf("rule setting %q: %s is already set as %q", key, r.ID, prev)
		}
		setBy[r.ID] = key
		value := strings.TrimSpace(settings[key])
		if strings.EqualFold(value, "off") {
			rs.off[r.ID] = true
			continue
		}
		sev, err := analyzer.ParseSeverity(value)
		if err != nil {
			return nil, fmt.Errorf("rule setting %q: %v, or off", key, err)
		}
		rs.severity[r.ID] = sev
	}
	return rs, nil
}

// under returns the settings with a configuration file's beneath them: a rule these
// settings leave alone takes the file's setting. byID holds values the configuration has
// checked ("off" or a severity), keyed by rule ID.
func (rs *ruleSettings) under(byID map[string]string) *ruleSettings {
	out := &ruleSettings{rules: rs.rules, off: maps.Clone(rs.off), severity: maps.Clone(rs.severity)}
	for id, value := range byID {
		if _, set := rs.severity[id]; set || rs.off[id] {
			continue
		}
		if value == "off" {
			out.off[id] = true
		} else if sev, err := analyzer.ParseSeverity(value); err == nil {
			out.severity[id] = sev
		}
	}
	return out
}

// enabled returns the rules to run: all but those set off.
func (rs *ruleSettings) enabled() []*analyzer.Rule {
	return slices.DeleteFunc(slices.Clone(rs.rules), func(r *analyzer.Rule) bool { return r == nil || rs.off[r.ID] })
}

// apply returns ds with the settings applied: findings of rules set off dropped, a set
// severity replacing the one the rule chose, and a missing severity filled in with the
// rule's default, so that every finding can be compared with a failure threshold.
func (rs *ruleSettings) apply(ds []analyzer.Diagnostic) []analyzer.Diagnostic {
	out := make([]analyzer.Diagnostic, 0, len(ds))
	for _, d := range ds {
		if rs.off[d.Rule] {
			continue
		}
		if sev, ok := rs.severity[d.Rule]; ok {
			d.Severity = sev
		} else if d.Severity == 0 {
			if r := analyzer.FindRule(rs.rules, d.Rule); r != nil {
				d.Severity = r.Severity
			}
		}
		out = append(out, d)
	}
	return out
}
