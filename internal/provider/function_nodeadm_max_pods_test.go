package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func nodeadmObject(maxPods, def, enis, ips int64, inTable bool, fallback, conversion knownvalue.Check, kube, vpc int64, exceeds bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"max_pods":                 knownvalue.Int64Exact(maxPods),
		"default_max_pods":         knownvalue.Int64Exact(def),
		"default_enis":             knownvalue.Int64Exact(enis),
		"ips_per_eni":              knownvalue.Int64Exact(ips),
		"in_nodeadm_table":         knownvalue.Bool(inTable),
		"fallback_reason":          fallback,
		"conversion":               conversion,
		"kube_reserved_memory_mib": knownvalue.Int64Exact(kube),
		"vpc_cni_max_pods":         knownvalue.Int64Exact(vpc),
		"exceeds_vpc_cni":          knownvalue.Bool(exceeds),
		"nodeadm_version":          knownvalue.StringExact("amazon-eks-ami@81fec2e8+cel-go-v0.29.2"),
	})
}

func TestAccFunctionNodeadmMaxPods(t *testing.T) {
	t.Parallel()
	null := knownvalue.Null()
	functionTest(t, resource.TestStep{
		Config: `
output "default" { value = provider::ekssize::nodeadm_max_pods("m5.large", null) }
output "empty"   { value = provider::ekssize::nodeadm_max_pods("m5.large", "") }
output "pd_110"  {
  value = provider::ekssize::nodeadm_max_pods("m5.large",
    "default_enis * ((ips_per_eni - 1) * 16) + 2 > 110 ? 110 : default_enis * ((ips_per_eni - 1) * 16) + 2",
  { prefix_delegation = true })
}
output "i7ie"     { value = provider::ekssize::nodeadm_max_pods("i7ie.48xlarge", "") }
output "xen_x16"  { value = provider::ekssize::nodeadm_max_pods("t2.medium", "(max_pods - 2) * 16 + 2") }
output "negative" { value = provider::ekssize::nodeadm_max_pods("m5.large", "max_pods - 30") }
output "double"   { value = provider::ekssize::nodeadm_max_pods("m5.large", "double(max_pods) / 2.0") }
output "syntax"   { value = provider::ekssize::nodeadm_max_pods("m5.large", "max_pods +").fallback_reason }
output "not_in_nodeadm" { value = provider::ekssize::nodeadm_max_pods("c7i.32xlarge", "max_pods > 250 ? 250 : max_pods") }
`,
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("default", nodeadmObject(29, 29, 3, 10, true, null, null, 574, 29, false)),
			expectOutput("empty", nodeadmObject(29, 29, 3, 10, true, null, null, 574, 29, false)),
			expectOutput("pd_110", nodeadmObject(110, 29, 3, 10, true, null, null, 1465, 434, false)),
			expectOutput("i7ie", nodeadmObject(737, 737, 15, 50, true, null, null, 8362, 394, true)),
			expectOutput("xen_x16", nodeadmObject(242, 17, 3, 6, true, null, null, 2917, 17, true)),
			expectOutput("negative", nodeadmObject(29, 29, 3, 10, true,
				knownvalue.StringExact("the result -1 is not positive (max pods must be from 1 to 2147483647)"), null, 574, 29, false)),
			expectOutput("double", nodeadmObject(14, 29, 3, 10, true, null, knownvalue.StringExact("double 14.5 converted to 14"), 409, 29, false)),
			expectOutput("syntax", knownvalue.StringRegexp(regexp.MustCompile(`^the expression does not compile: ERROR: <input>:1:11: Syntax error: mismatched input '<EOF>'`))),
			expectOutput("not_in_nodeadm", nodeadmObject(250, 737, 15, 50, false, null, null, 3005, 737, false)),
		},
	})
}

func TestAccFunctionNodeadmMaxPodsUnknown(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "expr" { input = "max_pods + 1" }
output "v" { value = provider::ekssize::nodeadm_max_pods("m5.large", terraform_data.expr.output).max_pods }
`,
		ConfigStateChecks: []statecheck.StateCheck{expectOutput("v", knownvalue.Int64Exact(30))},
	})
}
