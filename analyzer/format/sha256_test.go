package format

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

func TestSum256(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	}
	for _, tt := range tests {
		sum := sum256([]byte(tt.in))
		if got := hex.EncodeToString(sum[:]); got != tt.want {
			t.Errorf("sum256(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestSum256Oracle compares sum256 with crypto/sha256 on random inputs of every length
// around the block and padding boundaries (55, 56, 64 bytes and their multiples).
func TestSum256Oracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 600 {
		for range 3 {
			data := make([]byte, n)
			for i := range data {
				data[i] = byte(rng.Uint32())
			}
			if got, want := sum256(data), sha256.Sum256(data); got != want {
				t.Fatalf("sum256(% x) = %x, want %x", data, got, want)
			}
		}
	}
}

// FuzzSum256 compares sum256 with crypto/sha256 on any input.
func FuzzSum256(f *testing.F) {
	f.Add([]byte("HL001\x00.kamal/hooks/pre-deploy\x00message\x00kamal app boot"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := sum256(data), sha256.Sum256(data); got != want {
			t.Errorf("sum256(% x) = %x, want %x", data, got, want)
		}
	})
}
