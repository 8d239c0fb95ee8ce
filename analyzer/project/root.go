package project

import (
	"fmt"
	"os"
	"path/filepath"
)

// FindRoot walks up from start (a directory) to the nearest directory containing
// config/deploy.yml or a .kamal directory; failing that the git root (a directory with .git,
// file or dir); failing that start itself. Returns an absolute, cleaned path. It fails only
// when start cannot be made absolute or is not a directory.
func FindRoot(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s: not a directory", abs)
	}
	if dir, ok := walkUp(abs, isKamalRoot); ok {
		return dir, nil
	}
	if dir, ok := walkUp(abs, isGitRoot); ok {
		return dir, nil
	}
	return abs, nil
}

// walkUp returns the first of dir and its ancestors for which match holds.
func walkUp(dir string, match func(string) bool) (string, bool) {
	for {
		if match(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isKamalRoot(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, "config", "deploy.yml")); err == nil {
		return true // even a broken one: Load then reports what is wrong with it
	}
	fi, err := os.Stat(filepath.Join(dir, ".kamal"))
	return err == nil && fi.IsDir()
}

func isGitRoot(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}
