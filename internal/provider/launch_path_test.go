package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccLaunchPathManaged checks the managed node group values of the EKS
// User Guide ("How maxPods is determined"; "the smallest value calculated
// across all instance types") through the real Terraform CLI.
func TestAccLaunchPathManaged(t *testing.T) {
	t.Parallel()
	cfg := `
data "ekssize_max_pods" "mng" {
  instance_types    = ["m5.8xlarge", "m5.large", "c5.large"]
  prefix_delegation = true
  launch_path       = "managed"
}
data "ekssize_max_pods" "mng_secondary" {
  instance_types = ["m5.4xlarge", "t3.medium", "m5.large"]
  launch_path    = "managed"
}
data "ekssize_max_pods" "mng_limit_ignored" {
  instance_type     = "m5.large"
  prefix_delegation = true
  max_pods_limit    = 50
  launch_path       = "managed"
}
data "ekssize_max_pods" "custom_ami" {
  instance_type     = "m5.large"
  prefix_delegation = true
  max_pods_limit    = 50
  launch_path       = "managed_custom_ami"
}
data "ekssize_node_config" "mng" {
  instance_type       = "m5.large"
  prefix_delegation   = true
  launch_path         = "managed"
  max_pods            = 50
  kube_reserved_basis = "max_pods"
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt("data.ekssize_max_pods.mng", "node_group_max_pods", 110),
				expectString("data.ekssize_max_pods.mng", "node_group_limiting_type", "m5.large"),
				statecheck.ExpectKnownValue("data.ekssize_max_pods.mng", tfjsonpath.New("by_instance_type").AtMapKey("m5.8xlarge").AtMapKey("max_pods"), knownvalue.Int64Exact(250)),
				expectInt("data.ekssize_max_pods.mng_secondary", "node_group_max_pods", 17),
				expectString("data.ekssize_max_pods.mng_secondary", "node_group_limiting_type", "t3.medium"),
				expectInt("data.ekssize_max_pods.mng_limit_ignored", "max_pods", 110),
				expectInt("data.ekssize_max_pods.mng_limit_ignored", "node_group_max_pods", 110),
				expectString("data.ekssize_max_pods.mng_limit_ignored", "formula",
					"3 ENIs x (10 - 1) prefixes x 16 IPs + 2 = 434, capped at 110 (eks: 2 vCPUs <= 30); managed node group: EKS writes this value"),
				expectInt("data.ekssize_max_pods.custom_ami", "max_pods", 50),
				expectInt("data.ekssize_node_config.mng", "max_pods", 110),
				expectInt("data.ekssize_node_config.mng", "kube_reserved_memory_mib", 1465),
				statecheck.ExpectKnownValue("data.ekssize_node_config.mng", tfjsonpath.New("allocatable").AtMapKey("pods"), knownvalue.Int64Exact(110)),
			},
		}},
	})
}

// A setting a managed node group overrides is a warning (asserted, with its
// text, by the core's TestMaxPodsManagedNodeGroup), not an error. A launch
// path that does not exist is in the bad-input table.
func TestAccLaunchPathManagedWarnsNotFails(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_max_pods" "x" {
  instance_type = "m5.4xlarge"
  cap_policy    = "none"
  launch_path   = "managed"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{expectInt("data.ekssize_max_pods.x", "max_pods", 110)},
		}},
	})
}

// TestAccLaunchPathAutoMode checks EKS Auto Mode's published max pods, "the
// lower of: 110 pods hard cap; number of ENIs × (IPs per ENI − 1)" (EKS User
// Guide, Considerations for EKS Auto Mode; internal/sizing/automode.go),
// through the real Terraform CLI: a Nitro type, the m5.2xlarge AWS's sample
// node reported (pods: 56), a Xen type, a large type, the batch form, the
// deprecated cap_policy, and max_pods() with launch_path as an option.
func TestAccLaunchPathAutoMode(t *testing.T) {
	t.Parallel()
	cfg := `
data "ekssize_max_pods" "m5_large" {
  instance_type = "m5.large"
  launch_path   = "auto_mode"
}
data "ekssize_max_pods" "xen" {
  instance_type     = "m4.large"
  prefix_delegation = true
  launch_path       = "auto_mode"
}
data "ekssize_max_pods" "large" {
  instance_type = "m5.24xlarge"
  launch_path   = "auto_mode"
}
data "ekssize_max_pods" "nodepool" {
  instance_types = ["m5.2xlarge", "c6i.4xlarge", "t3.medium"]
  launch_path    = "auto_mode"
}
data "ekssize_max_pods" "deprecated_cap" {
  instance_type = "m5.large"
  cap_policy    = "auto_mode"
}
output "functions" {
  value = {
    auto_mode = provider::ekssize::max_pods("m5.large", { launch_path = "auto_mode" })
    managed   = provider::ekssize::max_pods("m5.large", { launch_path = "managed", prefix_delegation = true })
    kube_reserved_managed = provider::ekssize::kube_reserved("m5.large",
      { launch_path = "managed", prefix_delegation = true, kube_reserved_basis = "max_pods" }).memory_mib
  }
}
`
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				expectInt("data.ekssize_max_pods.m5_large", "max_pods", 27),
				expectInt("data.ekssize_max_pods.m5_large", "max_pods_uncapped", 27),
				expectInt("data.ekssize_max_pods.m5_large", "eni_max_pods", 29),
				expectInt("data.ekssize_max_pods.m5_large", "cap", 110),
				expectString("data.ekssize_max_pods.m5_large", "formula", "auto_mode: 3 ENIs x (10 - 1) IPs = 27"),
				statecheck.ExpectKnownValue("data.ekssize_max_pods.m5_large", tfjsonpath.New("prefix_delegation_applied"), knownvalue.Bool(false)),
				expectString("data.ekssize_max_pods.m5_large", "kubelet_extra_args", "--max-pods=27"),
				expectInt("data.ekssize_max_pods.xen", "max_pods", 18),
				expectInt("data.ekssize_max_pods.large", "max_pods", 110),
				expectString("data.ekssize_max_pods.large", "formula", "auto_mode: 15 ENIs x (50 - 1) IPs = 735, capped at 110 (auto_mode)"),
				statecheck.ExpectKnownValue("data.ekssize_max_pods.nodepool", tfjsonpath.New("by_instance_type").AtMapKey("m5.2xlarge").AtMapKey("max_pods"), knownvalue.Int64Exact(56)),
				statecheck.ExpectKnownValue("data.ekssize_max_pods.nodepool", tfjsonpath.New("by_instance_type").AtMapKey("c6i.4xlarge").AtMapKey("max_pods"), knownvalue.Int64Exact(110)),
				expectInt("data.ekssize_max_pods.nodepool", "node_group_max_pods", 15),
				expectString("data.ekssize_max_pods.nodepool", "node_group_limiting_type", "t3.medium"),
				expectInt("data.ekssize_max_pods.deprecated_cap", "max_pods", 27),
				expectOutput("functions", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"auto_mode":             knownvalue.Int64Exact(27),
					"managed":               knownvalue.Int64Exact(110),
					"kube_reserved_managed": knownvalue.Int64Exact(11*110 + 255),
				})),
			},
		}},
	})
}

// TestAutoModeDescriptions pins what the launch_path, cap_policy and
// kube_reserved() descriptions say about Auto Mode and managed node groups
// (secondary IP mode, what is not modelled, warnings that are errors only
// with strict, the kube-reserved basis on managed node groups).
func TestAutoModeDescriptions(t *testing.T) {
	launch := launchPathAttribute().MarkdownDescription
	capPolicy := networkingAttributes()["cap_policy"].GetMarkdownDescription()
	var def function.DefinitionResponse
	(&kubeReservedFunction{}).Definition(context.Background(), function.DefinitionRequest{}, &def)
	kube := def.Definition.MarkdownDescription
	for _, tt := range []struct{ where, text, want string }{
		{"launch_path", launch, "How the node is launched"},
		{"launch_path", launch, "`\"32\"` is secondary IP mode"},
		{"launch_path", launch, "so both modes get the same value"},
		{"launch_path", launch, "\"When networkInterfaces is configured, EKS Auto Mode does not attach additional IPs, prefixes, or ENIs after instance launch\""},
		{"launch_path", launch, "`podSubnetSelectorTerms`"},
		{"launch_path", launch, "`cap_policy`, `prefix_delegation`"},
		{"launch_path", launch, "value is returned as if they were unset (an error with `strict = true` in the functions)"},
		{"cap_policy", capPolicy, "It changes max pods only: the addresses follow `prefix_delegation` as given"},
		{"kube_reserved", kube, "only Bottlerocket (or `kube_reserved_basis = \"max_pods\"`) reserves for the max pods EKS writes"},
	} {
		if !strings.Contains(tt.text, tt.want) {
			t.Errorf("%s description lacks %q", tt.where, tt.want)
		}
	}
	for _, gone := range []string{"Who writes kubelet's max pods", "are ignored with a warning; `prefix_delegation` changes nothing"} {
		if strings.Contains(launch, gone) {
			t.Errorf("launch_path description still says %q", gone)
		}
	}
	if strings.Contains(kube, "P follows the max pods EKS writes") {
		t.Error("kube_reserved description still says P follows the max pods EKS writes")
	}
}
