package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestVersionLinkerFlag builds the binary the way the GNUmakefile and
// .goreleaser.yml do and checks that -X main.version took effect: the linker
// ignores -X for a variable that does not exist, so a rename of main.version
// would otherwise ship every release as "dev".
func TestVersionLinkerFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider binary")
	}
	const version = "0.0.0-linkertest+7d1e"
	bin := filepath.Join(t.TempDir(), "terraform-provider-ekssize")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-X main.version="+version, "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(version)) {
		t.Errorf("the built binary does not contain %q: -X main.version had no effect", version)
	}
}
