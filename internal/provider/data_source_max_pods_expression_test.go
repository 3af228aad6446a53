package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func exprValue(maxPods, kube, enis, ips, def int64, inTable bool, formula string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"max_pods":                 knownvalue.Int64Exact(maxPods),
		"kube_reserved_memory_mib": knownvalue.Int64Exact(kube),
		"default_enis":             knownvalue.Int64Exact(enis),
		"ips_per_eni":              knownvalue.Int64Exact(ips),
		"nodeadm_default_max_pods": knownvalue.Int64Exact(def),
		"in_nodeadm_table":         knownvalue.Bool(inTable),
		"formula":                  knownvalue.StringExact(formula),
	})
}

func TestAccMaxPodsExpressionDataSource(t *testing.T) {
	t.Parallel()
	const pd, cn, mix = "data.ekssize_max_pods_expression.pd", "data.ekssize_max_pods_expression.cn", "data.ekssize_max_pods_expression.mix"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_max_pods_expression" "pd" {
  instance_types    = ["m5.large", "m6i.xlarge"]
  prefix_delegation = true
}
data "ekssize_max_pods_expression" "cn" {
  instance_types    = ["m5.large", "c6i.2xlarge"]
  custom_networking = true
}
data "ekssize_max_pods_expression" "mix" {
  instance_types    = ["m5.xlarge", "c5.9xlarge"]
  prefix_delegation = true
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectAt(pd, tfjsonpath.New("expression"), knownvalue.StringExact("(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2")),
				expectAt(pd, tfjsonpath.New("values"), knownvalue.MapExact(map[string]knownvalue.Check{
					"m5.large":   exprValue(110, 1465, 3, 10, 29, true, "3 ENIs x (10 - 1) prefixes x 16 IPs + 2 = 434, capped at 110 (eks: 2 vCPUs <= 30)"),
					"m6i.xlarge": exprValue(110, 1465, 4, 15, 58, true, "4 ENIs x (15 - 1) prefixes x 16 IPs + 2 = 898, capped at 110 (eks: 4 vCPUs <= 30)"),
				})),
				expectAt(pd, tfjsonpath.New("nodeadm_version"), knownvalue.StringExact("amazon-eks-ami@81fec2e8+cel-go-v0.29.2")),
				expectAt(pd, tfjsonpath.New("data_version"), knownvalue.StringExact("2026-11+vpc-cni-v1.23.2")),
				expectAt(cn, tfjsonpath.New("expression"), knownvalue.StringExact("(default_enis - 1) * (ips_per_eni - 1) + 2")),
				expectAt(cn, tfjsonpath.New("values").AtMapKey("m5.large").AtMapKey("max_pods"), knownvalue.Int64Exact(20)),
				expectAt(cn, tfjsonpath.New("values").AtMapKey("c6i.2xlarge").AtMapKey("max_pods"), knownvalue.Int64Exact(44)),
				expectAt(mix, tfjsonpath.New("expression"), knownvalue.StringExact(
					"default_enis == 8 && ips_per_eni == 30 ? 250 : ((max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2)")),
				expectAt(mix, tfjsonpath.New("values").AtMapKey("m5.xlarge").AtMapKey("max_pods"), knownvalue.Int64Exact(110)),
				expectAt(mix, tfjsonpath.New("values").AtMapKey("c5.9xlarge").AtMapKey("max_pods"), knownvalue.Int64Exact(250)),
			},
		}},
	})
}

func TestAccMaxPodsExpressionDataSourceNoExpression(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_max_pods_expression" "x" {
  instance_types    = ["m5.large", "m5.4xlarge", "m5.8xlarge"]
  prefix_delegation = true
}
`,
			ExpectError: regexp.MustCompile(`(?s)Error: No maxPodsExpression for these instance types.*no maxPodsExpression can give m5.4xlarge and m5.8xlarge their max pods:\s+nodeadm gives both the same variables`),
		}},
	})
}

func TestAccFunctionMaxPodsExpression(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
locals {
  r = provider::ekssize::max_pods_expression(["m5.large", "m5.4xlarge"])
}
output "expression" { value = local.r.expression }
output "m5_4xlarge" { value = local.r.values["m5.4xlarge"].max_pods }
output "limited" {
  value = provider::ekssize::max_pods_expression(["m5.large", "m5.4xlarge", "m5.8xlarge"], { prefix_delegation = true, max_pods_limit = 110 }).expression
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("expression", knownvalue.StringExact("max_pods > 110 ? 110 : max_pods")),
			expectOutput("m5_4xlarge", knownvalue.Int64Exact(110)),
			expectOutput("limited", knownvalue.StringExact("(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2")),
		},
	})
}

func TestAccFunctionMaxPodsExpressionUnknown(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "t" { input = "m5.xlarge" }
output "v" { value = provider::ekssize::max_pods_expression(["m5.large", terraform_data.t.output]).values["m5.xlarge"].max_pods }
`,
		ConfigStateChecks: []statecheck.StateCheck{expectOutput("v", knownvalue.Int64Exact(58))},
	})
}

// TestAccNodeConfigMaxPodsExpression: with max_pods_expression, max pods and
// kube-reserved memory are nodeadm's for the type, and the NodeConfig carries
// the expression and only the kube-reserved entries given.
func TestAccNodeConfigMaxPodsExpression(t *testing.T) {
	t.Parallel()
	const m5, over = "data.ekssize_node_config.m5", "data.ekssize_node_config.over"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_node_config" "m5" {
  instance_type       = "m5.large"
  prefix_delegation   = true
  max_pods_expression = "(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2"
}
data "ekssize_node_config" "over" {
  instance_type       = "m5.large"
  max_pods_expression = "max_pods > 20 ? 20 : max_pods"
  kube_reserved       = { cpu = "100m" }
  eviction_hard       = { "memory.available" = "5%" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expectAt(m5, tfjsonpath.New("max_pods"), knownvalue.Int64Exact(110)),
				expectAt(m5, tfjsonpath.New("kube_reserved_memory_mib"), knownvalue.Int64Exact(1465)),
				expectAt(m5, tfjsonpath.New("kube_reserved").AtMapKey("memory"), knownvalue.StringExact("1465Mi")),
				expectAt(m5, tfjsonpath.New("allocatable"), amounts(1930, 6012, 17408, 110)),
				expectAt(m5, tfjsonpath.New("nodeadm_config"), knownvalue.StringExact("---\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n"+
					"    maxPodsExpression: \"(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2\"\n")),
				expectAt(m5, tfjsonpath.New("kubelet_extra_args"), knownvalue.StringExact("--max-pods=110 --kube-reserved=cpu=70m,memory=1465Mi,ephemeral-storage=1Gi")),
				expectAt(over, tfjsonpath.New("max_pods"), knownvalue.Int64Exact(20)),
				expectAt(over, tfjsonpath.New("kube_reserved_memory_mib"), knownvalue.Int64Exact(475)),
				expectAt(over, tfjsonpath.New("nodeadm_config"), knownvalue.StringExact("---\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n"+
					"    maxPodsExpression: \"max_pods > 20 ? 20 : max_pods\"\n    config:\n      kubeReserved:\n        cpu: \"100m\"\n"+
					"      evictionHard:\n        memory.available: \"5%\"\n        nodefs.available: \"10%\"\n        nodefs.inodesFree: \"5%\"\n")),
			},
		}},
	})
}

// TestNodeConfigMaxPodsExpressionWarnings: nodeadm's fallback and its answer
// beyond the VPC CNI are warnings on max_pods_expression, with the value.
func TestNodeConfigMaxPodsExpressionWarnings(t *testing.T) {
	for _, c := range []struct {
		typ, expr, summary, detail string
		maxPods                    int64
	}{
		{"m5.large", "max_pods - 30", "nodeadm ignores this maxPodsExpression on m5.large",
			"On m5.large (default_enis = 3, ips_per_eni = 10, max_pods = 29) the result -1 is not positive (max pods must be from 1 to 2147483647), so nodeadm logs a warning and uses its default, 29.", 29},
		{"i7ie.48xlarge", "max_pods", "nodeadm allows more pods than the VPC CNI can address on i7ie.48xlarge",
			"nodeadm gives kubelet 737 max pods on i7ie.48xlarge (the expression's value), but the VPC CNI can give at most 394 pods an IP under these networking settings: 8 ENIs x (50 - 1) IPs + 2 = 394. Pods beyond that are scheduled and then stay in ContainerCreating, waiting for an IP.", 737},
	} {
		state, diags := readDataSource(t, NewNodeConfigDataSource(), map[string]attr.Value{
			"instance_type": types.StringValue(c.typ), "max_pods_expression": types.StringValue(c.expr),
		})
		if diags.HasError() || diags.WarningsCount() != 1 {
			t.Fatalf("%s: %v", c.typ, diags)
		}
		w := diags.Warnings()[0]
		wp, _ := w.(diag.DiagnosticWithPath)
		if w.Summary() != c.summary || w.Detail() != c.detail || wp == nil || !wp.Path().Equal(path.Root("max_pods_expression")) {
			t.Errorf("%s: warning %q %q", c.typ, w.Summary(), w.Detail())
		}
		var mp types.Int64
		state.GetAttribute(context.Background(), path.Root("max_pods"), &mp)
		if mp.ValueInt64() != c.maxPods {
			t.Errorf("%s: max_pods %v", c.typ, mp)
		}
	}
}
