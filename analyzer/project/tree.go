package project

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits on the tree built from a YAML document. A deploy.yml is a few levels deep and a few
// hundred nodes; the caps only stop alias bombs and self-referencing anchors, which yaml.v3
// leaves unexpanded in its node tree and a naive walk would follow for ever.
const (
	maxDepth = 64
	maxNodes = 1 << 18
)

type kind uint8

const (
	kindNull kind = iota
	kindScalar
	kindMap
	kindSeq
)

// tnode is a YAML value after alias expansion and merge keys, close to what Ruby's
// YAML.unsafe_load gives Kamal: a hash keeps its keys' first positions, and a duplicate key
// (as ERB control flow produces) replaces the earlier value.
type tnode struct {
	kind  kind
	val   Scalar // the value for scalars; Line is set for every kind
	tag   string // yaml.v3's resolved tag, for booleans
	file  string // the file this node was read from, for problems after a merge
	keys  []Scalar
	vals  []*tnode
	index map[string]int
	items []*tnode
}

// get returns the value of key k in a mapping, nil if n is not a mapping or has no k.
func (n *tnode) get(k string) *tnode {
	if n == nil || n.kind != kindMap {
		return nil
	}
	if i, ok := n.index[k]; ok {
		return n.vals[i]
	}
	return nil
}

// set adds or replaces key k; a replaced key keeps its position, as in a Ruby Hash.
func (n *tnode) set(k Scalar, v *tnode) {
	if i, ok := n.index[k.Text]; ok {
		n.vals[i] = v
		return
	}
	n.index[k.Text] = len(n.keys)
	n.keys = append(n.keys, k)
	n.vals = append(n.vals, v)
}

func newMap(line int, file string) *tnode {
	return &tnode{kind: kindMap, val: Scalar{Line: line}, file: file, index: map[string]int{}}
}

// dynamic reports whether n is a scalar computed by ERB: its shape is unknown, so it is not
// an error for it to stand where a list or a mapping is expected.
func (n *tnode) dynamic() bool { return n != nil && n.kind == kindScalar && n.val.Dynamic }

// converter turns a yaml.v3 node tree into tnodes.
type converter struct {
	file     string
	resub    *resubstituter
	nodes    int
	tooDeep  int // line of the first value cut off for depth, 0 if none
	tooLarge bool
}

func (c *converter) convert(n *yaml.Node, depth int) *tnode {
	if n == nil {
		return &tnode{file: c.file}
	}
	if depth > maxDepth {
		if c.tooDeep == 0 {
			c.tooDeep = n.Line
		}
		return &tnode{val: Scalar{Line: n.Line}, file: c.file}
	}
	if c.nodes++; c.nodes > maxNodes {
		c.tooLarge = true
		return &tnode{val: Scalar{Line: n.Line}, file: c.file}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &tnode{val: Scalar{Line: n.Line}, file: c.file}
		}
		return c.convert(n.Content[0], depth+1)
	case yaml.AliasNode:
		// Depth grows through aliases too, so an anchor that contains itself ends.
		return c.convert(n.Alias, depth+1)
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return &tnode{val: Scalar{Line: n.Line}, file: c.file}
		}
		return &tnode{kind: kindScalar, val: c.scalar(n), tag: n.Tag, file: c.file}
	case yaml.SequenceNode:
		t := &tnode{kind: kindSeq, val: Scalar{Line: n.Line}, file: c.file}
		for _, item := range n.Content {
			t.items = append(t.items, c.convert(item, depth+1))
		}
		return t
	case yaml.MappingNode:
		return c.mapping(n, depth)
	}
	return &tnode{val: Scalar{Line: n.Line}, file: c.file}
}

// mapping converts a mapping, applying merge keys as Psych does: in place, so keys written
// after `<<` override merged ones and keys written before it are overridden; of a list of
// merged mappings, the first wins.
func (c *converter) mapping(n *yaml.Node, depth int) *tnode {
	t := newMap(n.Line, c.file)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue // a complex key (`? [a, b]`) is never a Kamal key
		}
		val := c.convert(v, depth+1)
		if k.Tag == "!!merge" {
			if merged, ok := mergeSources(val); ok {
				for _, m := range merged {
					for j, mk := range m.keys {
						t.set(mk, m.vals[j])
					}
				}
				continue
			}
		}
		t.set(c.scalar(k), val)
	}
	return t
}

// mergeSources returns the mappings a merge key's value supplies, last-applied last.
func mergeSources(v *tnode) ([]*tnode, bool) {
	switch v.kind {
	case kindMap:
		return []*tnode{v}, true
	case kindSeq:
		var ms []*tnode
		for i := len(v.items) - 1; i >= 0; i-- {
			if v.items[i].kind != kindMap {
				return nil, false // Psych then keeps `<<` as an ordinary key
			}
			ms = append(ms, v.items[i])
		}
		return ms, true
	}
	return nil, false
}

// scalar makes a Scalar of a YAML scalar node, restoring ERB sources.
func (c *converter) scalar(n *yaml.Node) Scalar {
	text, dyn := c.resub.apply(n.Value)
	return Scalar{Text: text, Dynamic: dyn, Line: n.Line}
}

// problems reports the limits the conversion hit.
func (c *converter) problems() []Problem {
	var ps []Problem
	if c.tooDeep != 0 {
		ps = append(ps, Problem{File: c.file, Line: c.tooDeep,
			Message: fmt.Sprintf("YAML nested deeper than %d levels; the deeper values are ignored", maxDepth)})
	}
	if c.tooLarge {
		ps = append(ps, Problem{File: c.file,
			Message: fmt.Sprintf("YAML has more than %d values once aliases are expanded; the rest are ignored", maxNodes)})
	}
	return ps
}

// deepMerge merges b over a as ActiveSupport's Hash#deep_merge: mappings merge recursively,
// anything else in b replaces what a has. Neither argument is modified.
func deepMerge(a, b *tnode) *tnode {
	if a == nil || a.kind != kindMap || b.kind != kindMap {
		return b
	}
	t := newMap(a.val.Line, a.file)
	for i, k := range a.keys {
		t.set(k, a.vals[i])
	}
	for i, k := range b.keys {
		if j, ok := t.index[k.Text]; ok {
			t.vals[j] = deepMerge(t.vals[j], b.vals[i])
			continue
		}
		t.set(k, b.vals[i])
	}
	return t
}

// parseYAML parses ERB-neutralised YAML into a tnode tree. A syntax error is returned as a
// Problem carrying yaml.v3's line.
func parseYAML(file string, src []byte, resub *resubstituter) (t *tnode, ps []Problem) {
	defer func() {
		// yaml.v3 has panicked on hostile input before (CVE-2022-28948); never let it through.
		if r := recover(); r != nil {
			t, ps = nil, []Problem{{File: file, Message: fmt.Sprintf("cannot parse YAML: %v", r)}}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlError(err)
		// An error at the end of the input points past the last line; show the last one.
		line = min(line, bytes.Count(bytes.TrimRight(src, "\n"), []byte("\n"))+1)
		return nil, []Problem{{File: file, Line: line, Message: "cannot parse YAML: " + msg}}
	}
	c := &converter{file: file, resub: resub}
	t = c.convert(&doc, 0)
	return t, c.problems()
}

// yamlError splits "yaml: line 7: mapping values are not allowed" into 7 and the rest.
// yaml.v3 reports a parser error (as opposed to a scanner error) at the 0-based line of the
// construct that is not closed, so those get one added: the line then is the 1-based line
// where that construct (a flow list, a block mapping) starts.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			if parserErrors[rest] {
				line++
			}
			return line, rest
		}
	}
	return 0, msg
}

// parserErrors are the messages of yaml.v3's parser (parserc.go), whose line is 0-based.
var parserErrors = map[string]bool{
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected <document start>": true,
}
