package provider

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// examplesDir is the documentation examples tree, relative to this package.
const examplesDir = "../../examples"

// registryNamespace is the namespace the examples use in required_providers
// (source = "ekssize/ekssize"), the address users will install from.
const registryNamespace = "ekssize"

// exampleDirs returns every directory under examples/ that holds .tf files,
// relative to examples/, sorted.
func exampleDirs(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(examplesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".terraform" || strings.HasPrefix(d.Name(), ".") && p != examplesDir) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".tf") {
			rel, err := filepath.Rel(examplesDir, filepath.Dir(p))
			if err != nil {
				return err
			}
			seen[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", examplesDir, err)
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

var (
	requiredProvidersRE = regexp.MustCompile(`(?m)^\s*required_providers\s*\{`)
	requiredVersionRE   = regexp.MustCompile(`(?m)^\s*required_version\s*=\s*"` + regexp.QuoteMeta(testedRequiredVersion) + `"`)
	// Anything that is neither this provider nor a Terraform built-in would be
	// downloaded (or fail) on terraform init; examples must stay offline.
	foreignBlockRE = regexp.MustCompile(`(?m)^\s*(data|resource|provider|ephemeral)\s+"([a-z0-9]+)[_"]`)
	moduleBlockRE  = regexp.MustCompile(`(?m)^\s*module\s+"`)
	forEachRE      = regexp.MustCompile(`(?m)^\s*for_each\s*=`)
	dynamicRE      = regexp.MustCompile(`(?m)^\s*dynamic\s+"[^"]+"\s*\{\s*\n\s*for_each\s*=`)
	// An example that declares source = "hashicorp/cloudinit" may use
	// cloudinit_config; it is applied only where a cloudinit build is served.
	cloudinitSourceRE = regexp.MustCompile(`(?m)^\s*source\s*=\s*"(registry\.(terraform|opentofu)\.io/)?hashicorp/cloudinit"`)
)

// envCloudinitDir names a directory holding a terraform-provider-cloudinit
// binary. TestAccExamples serves it through dev_overrides (nothing is
// downloaded) to the examples that need cloudinit. The Go module proxy does
// not serve hashicorp/terraform-provider-cloudinit, so CI cannot build it;
// testdata/userdata holds a document a real cloudinit build rendered.
const envCloudinitDir = "EKSSIZE_CLOUDINIT_DIR"

func needsCloudinit(cfg string) bool { return cloudinitSourceRE.MatchString(cfg) }

// cloudinitCLIConfig writes a Terraform/OpenTofu CLI configuration whose
// dev_overrides serve the cloudinit binary in dir under both registries'
// addresses, and returns its path.
func cloudinitCLIConfig(t *testing.T, dir string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(abs, "terraform-provider-cloudinit")); err != nil {
		t.Fatalf("%s=%s: %v", envCloudinitDir, dir, err)
	}
	cfg := "provider_installation {\n  dev_overrides {\n" +
		"    \"registry.terraform.io/hashicorp/cloudinit\" = \"" + filepath.ToSlash(abs) + "\"\n" +
		"    \"registry.opentofu.org/hashicorp/cloudinit\" = \"" + filepath.ToSlash(abs) + "\"\n" +
		"  }\n  direct {}\n}\n"
	path := filepath.Join(t.TempDir(), "cloudinit.tfrc")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// testedRequiredVersion is the required_version of every example: the oldest
// Terraform (1.8.5) and OpenTofu (1.8.0) that make compat runs the examples
// through. Provider-defined functions need Terraform 1.8 anyway.
const testedRequiredVersion = ">= 1.8.0"

// exampleConfig reads every .tf file of one example directory into a single
// configuration (Terraform treats a module's files as one body). Every example
// declares required_providers with source = "ekssize/ekssize", so it runs
// against the real address and works when pasted alone.
func exampleConfig(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examplesDir, dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in examples/%s (%v)", dir, err)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("# " + filepath.ToSlash(f) + "\n")
		b.Write(src)
		b.WriteString("\n")
	}
	cfg := b.String()
	// Pasted alone, an example without required_providers would resolve to
	// hashicorp/ekssize; each must declare the registry address itself.
	if !requiredProvidersRE.MatchString(cfg) || !strings.Contains(cfg, `source = "`+registryNamespace+`/ekssize"`) &&
		!strings.Contains(cfg, `source  = "`+registryNamespace+`/ekssize"`) {
		t.Errorf("examples/%s: no required_providers block with source = %q; every example must be copy-pasteable", dir, registryNamespace+"/ekssize")
	}
	if !requiredVersionRE.MatchString(cfg) {
		t.Errorf("examples/%s: no required_version = %q; every example states the oldest Terraform and OpenTofu tested", dir, testedRequiredVersion)
	}
	for _, m := range foreignBlockRE.FindAllStringSubmatch(cfg, -1) {
		kind, prefix := m[1], m[2]
		if prefix != TypeName && prefix != "terraform" && (prefix != "cloudinit" || !needsCloudinit(cfg)) {
			t.Errorf("examples/%s: %s block of provider %q; examples may use only ekssize, Terraform built-ins and, "+
				"when required_providers declares hashicorp/cloudinit, cloudinit", dir, kind, prefix)
		}
	}
	if moduleBlockRE.MatchString(cfg) {
		t.Errorf("examples/%s: module blocks would need terraform init to fetch them; keep examples self-contained", dir)
	}
	// A dynamic block's for_each (its first line) repeats nested blocks inside
	// one instance and is fine; a resource's or data source's is not.
	if len(forEachRE.FindAllString(cfg, -1)) > len(dynamicRE.FindAllString(cfg, -1)) {
		// terraform-plugin-testing converts state to its legacy flatmap form after
		// every test and fails on string instance keys ("for_each is not supported",
		// hashicorp/terraform-plugin-sdk#536). count works; so do for expressions.
		t.Errorf("examples/%s: for_each on a block cannot be applied by terraform-plugin-testing; "+
			"write one block per instance, or use count", dir)
	}
	return cfg
}

// TestAccExamples applies every example under examples/ (provider, data
// sources, functions, guides, complete) through the real Terraform CLI, so the
// documentation can never show a configuration that fails. Each example is
// planned, applied, refreshed and planned again (the second plan must be empty).
//
// The examples declare source = "ekssize/ekssize", so the in-process provider
// is served at registry.terraform.io/ekssize/ekssize (TF_ACC_PROVIDER_NAMESPACE).
// That variable is process-wide, so this test is deliberately not parallel: Go
// starts the package's parallel tests only after every sequential test has
// returned, and the examples run in parallel with one another as subtests.
func TestAccExamples(t *testing.T) {
	dirs := exampleDirs(t)
	if len(dirs) == 0 {
		t.Fatal("no examples found under examples/")
	}
	restore, hadNamespace := os.LookupEnv(resource.EnvTfAccProviderNamespace)
	if err := os.Setenv(resource.EnvTfAccProviderNamespace, registryNamespace); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if hadNamespace {
			_ = os.Setenv(resource.EnvTfAccProviderNamespace, restore)
		} else {
			_ = os.Unsetenv(resource.EnvTfAccProviderNamespace)
		}
	}()

	// Examples that need cloudinit get it through dev_overrides when a build is
	// available. TF_CLI_CONFIG_FILE is process-wide too (see above).
	cloudinitDir := os.Getenv(envCloudinitDir)
	if cloudinitDir != "" {
		t.Setenv("TF_CLI_CONFIG_FILE", cloudinitCLIConfig(t, cloudinitDir))
	}

	// t.Run of a parallel subtest returns at once; the group returns when they all have.
	t.Run("group", func(t *testing.T) {
		for _, dir := range dirs {
			t.Run(strings.ReplaceAll(dir, "/", "_"), func(t *testing.T) {
				t.Parallel()
				cfg := exampleConfig(t, dir)
				if t.Failed() {
					return
				}
				if needsCloudinit(cfg) && cloudinitDir == "" {
					t.Skipf("examples/%s needs the hashicorp/cloudinit provider, which the Go module proxy does not serve: "+
						"set %s to a directory holding a terraform-provider-cloudinit build to apply it "+
						"(TestCloudinitDocumentAsNodeadmReadsIt checks a document cloudinit rendered from it)", dir, envCloudinitDir)
				}
				step := resource.TestStep{Config: cfg}
				if check, ok := exampleChecks[dir]; ok {
					step.Check = outputsCheck(check)
				}
				tc := resource.TestCase{
					ProtoV6ProviderFactories: testProviderFactories,
					Steps:                    []resource.TestStep{step},
				}
				// Provider-defined functions need Terraform 1.8.
				if strings.HasPrefix(dir, "functions/") || strings.Contains(cfg, "provider::") {
					tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}
				}
				acceptanceTest(t, tc)
			})
		}
	})
}

// TestExamplesCoverEveryDataSourceAndFunction fails when a data source or
// function has no example for tfplugindocs to put on its page (and so for
// TestAccExamples to apply), or when an example names one that does not exist.
func TestExamplesCoverEveryDataSourceAndFunction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := New("test")()
	want := map[string]bool{}
	for _, f := range p.DataSources(ctx) {
		resp := &datasource.MetadataResponse{}
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: TypeName}, resp)
		want["data-sources/"+resp.TypeName+"/data-source.tf"] = true
	}
	if pf, ok := p.(provider.ProviderWithFunctions); ok {
		for _, f := range pf.Functions(ctx) {
			resp := &function.MetadataResponse{}
			f().Metadata(ctx, function.MetadataRequest{}, resp)
			want["functions/"+resp.Name+"/function.tf"] = true
		}
	}
	for file := range want {
		if _, err := os.Stat(filepath.Join(examplesDir, file)); err != nil {
			t.Errorf("examples/%s is missing: every data source and function needs an example (docs and TestAccExamples use it)", file)
		}
	}
	for _, kind := range []string{"data-sources", "functions"} {
		entries, err := os.ReadDir(filepath.Join(examplesDir, kind))
		if err != nil {
			continue
		}
		for _, e := range entries {
			file := kind + "/" + e.Name() + "/" + map[string]string{"data-sources": "data-source.tf", "functions": "function.tf"}[kind]
			if e.IsDir() && !want[file] {
				t.Errorf("examples/%s/%s: no such %s in the provider", kind, e.Name(), strings.TrimSuffix(kind, "s"))
			}
		}
	}
}

// TestExamplesFormatted keeps the examples (and so the docs) in terraform fmt style.
func TestExamplesFormatted(t *testing.T) {
	t.Parallel()
	requireTerraform(t)
	cmd := exec.Command(terraformPath, "fmt", "-check", "-diff", "-recursive", "-no-color", examplesDir)
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("terraform fmt -check examples: %v (run make fmt)\n%s", err, out)
	}
}
