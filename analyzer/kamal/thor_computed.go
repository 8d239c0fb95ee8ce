package kamal

// This file reads words computed at run time by what is known of them: their literal
// prefix ([Word.Prefix]). Thor matches each word against the regular expressions that
// thor_match.go mirrors; a prefix decides the match when every completion of it leads to
// the same one.

// wordShape is what a computed word's prefix tells of how Thor reads the word.
type wordShape int

const (
	// plainWord: no completion of the prefix looks like an option ("db-$N", "$X"); an
	// argument, or an option's value.
	plainWord wordShape = iota
	// eqWord: "--name=" or "-x=" followed by anything: the option x, with a value.
	eqWord
	// clusterWord: "-" and letters ("-d"): a short switch, or a cluster of them when the
	// rest is letters, or a plain argument when it is not.
	clusterWord
	// maybeSwitchWord: some completions look like an option and some do not ("-",
	// "--dest").
	maybeSwitchWord
)

// shape classifies a word that is not Known by its prefix; sw is the switch of an
// eqWord ("--destination").
func (t token) shape() (shape wordShape, sw string) {
	if t.Spread {
		// Zero or many words of any form; read as an argument, as before prefixes.
		return plainWord, ""
	}
	p := t.Prefix
	// A prefix that makes the word an eqSwitch whatever follows.
	if sw, ok := eqPrefix(p); ok {
		return eqWord, sw
	}
	switch {
	case isClusterPrefix(p):
		return clusterWord, ""
	case p == "-" || isOpenLongPrefix(p) || isShortNumPrefix(p):
		return maybeSwitchWord, ""
	}
	return plainWord, ""
}

// parseComputed reads the next word, which is not Known, while options are parsed; false
// on Thor's error.
func (p *thorParser) parseComputed(res *parseResult) bool {
	tok := p.shift()
	switch shape, sw := tok.shape(); shape {
	case eqWord:
		if !p.isSwitch(sw) {
			p.keepUnknown(res, tok)
			return true
		}
		// The option is set; its value is the rest of the word, which is not known.
		val := token{Word: Word{Text: tok.Text, Prefix: tok.Prefix[len(sw)+1:], Index: tok.Index},
			written: tok.written, fromAlias: tok.fromAlias}
		p.unshift(val, true)
		return p.assign(res, sw, tok)
	case clusterWord:
		p.squeezeComputed(res, tok)
	case maybeSwitchWord:
		p.uncertain = true
		res.extras = append(res.extras, tok)
	default:
		res.extras = append(res.extras, tok)
	}
	return true
}

// squeezeComputed reads -d"$X": "-d" and letters followed by something not known.
// Depending on the rest, Thor reads it as -d with the following word as its value (the
// rest is empty), as -d=VALUE, as -d with a number, as the cluster -d -x -y... (the rest
// is letters), or as a plain argument (anything else). Never is the rest -d's value,
// except for the number or "=VALUE" forms. Each option its letters name is recorded as
// set from a cluster, with a value that is not Known; the arguments are uncertain.
func (p *thorParser) squeezeComputed(res *parseResult, tok token) {
	p.uncertain = true
	named := false
	for _, r := range tok.Prefix[1:] {
		sw := p.normalize("-" + string(r))
		o, ok := p.option(sw)
		if !ok {
			continue
		}
		named = true
		res.assigns.set(o.Name, assigned{
			word:       Word{Text: tok.Text, Prefix: tok.Prefix, Index: tok.Index},
			switchWord: tok.written,
			squeezed:   true,
			fromAlias:  tok.fromAlias,
		})
	}
	if !named {
		// No letter written names an option: an argument, or a cluster of letters
		// still unknown.
		res.extras = append(res.extras, tok)
	}
}
