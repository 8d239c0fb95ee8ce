package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/config"
)

// loadProjectConfig reads the project's .hooklint.yml at root; nil, nil when it has none.
// Errors name the file relative to the working directory.
func loadProjectConfig(wd, root string, rules []*analyzer.Rule) (*config.Config, error) {
	name := filepath.Join(root, config.FileName)
	if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	shown := name
	if rel, err := filepath.Rel(wd, name); err == nil {
		shown = filepath.ToSlash(rel)
	}
	cfg, err := config.Load(name, rules)
	if err != nil {
		return nil, renameConfigError(err, name, shown)
	}
	cfg.File = shown
	return cfg, nil
}

// renameConfigError shows the configuration file in err as shown rather than by its
// absolute path name.
func renameConfigError(err error, name, shown string) error {
	var ce *config.Error
	if errors.As(err, &ce) {
		ce.File = shown
		return ce
	}
	if rest, ok := strings.CutPrefix(err.Error(), name+": "); ok {
		return fmt.Errorf("%s: %s", shown, rest)
	}
	return err
}
