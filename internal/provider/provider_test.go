package provider

import (
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// testProviderFactories serves the provider in-process to the real Terraform
// CLI used by resource.UnitTest.
var testProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	TypeName: providerserver.NewProtocol6WithError(New("test")()),
}

// terraformPath is the Terraform CLI the acceptance tests run through: the
// TF_ACC_TERRAFORM_PATH environment variable, else terraform on PATH; "" when
// there is none.
var terraformPath string

func TestMain(m *testing.M) {
	// Acceptance tests run through the real Terraform CLI. Use an installed
	// one rather than letting terraform-plugin-testing download one; without
	// one, only the acceptance tests are skipped (acceptanceTest), the unit
	// tests still run. make test insists on Terraform being installed.
	terraformPath = os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraformPath == "" {
		if p, err := exec.LookPath("terraform"); err == nil {
			terraformPath = p
			os.Setenv("TF_ACC_TERRAFORM_PATH", p)
		}
	}
	os.Exit(m.Run())
}

// requireTerraform skips a test that needs the Terraform CLI when none is
// installed.
func requireTerraform(t *testing.T) {
	t.Helper()
	if terraformPath == "" {
		t.Skip("terraform is not on PATH: install Terraform 1.11 to run the acceptance tests through the real CLI")
	}
}

// acceptanceTest runs tc through the real Terraform CLI (resource.UnitTest),
// or skips it when none is installed.
func acceptanceTest(t *testing.T, tc resource.TestCase) {
	t.Helper()
	requireTerraform(t)
	resource.UnitTest(t, tc)
}
