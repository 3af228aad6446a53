package provider

import (
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// testProviderFactories serves the provider in-process to the real Terraform
// CLI used by resource.UnitTest.
var testProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	TypeName: providerserver.NewProtocol6WithError(New("test")()),
}

func TestMain(m *testing.M) {
	// Acceptance tests run through the real Terraform CLI. Insist on one being
	// installed rather than letting terraform-plugin-testing download one.
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			os.Stderr.WriteString("terraform is not on PATH; install Terraform 1.11 (the acceptance tests run through the real CLI)\n")
			os.Exit(1)
		}
		os.Setenv("TF_ACC_TERRAFORM_PATH", p)
	}
	os.Exit(m.Run())
}
