package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccVPCCNIConfigurationDataSource(t *testing.T) {
	t.Parallel()
	at := func(ds, attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.ekssize_vpc_cni_configuration."+ds, tfjsonpath.New(attr), v)
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_vpc_cni_configuration" "defaults" {}
data "ekssize_vpc_cni_configuration" "pd" {
  prefix_delegation = true
}
data "ekssize_vpc_cni_configuration" "sgp" {
  custom_networking        = true
  security_groups_for_pods = true
  warm_ip_target           = 5
  minimum_ip_target        = 10
  max_eni                  = 3
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				at("defaults", "configuration_values", knownvalue.StringExact(`{"env":{"ENABLE_PREFIX_DELEGATION":"false","WARM_ENI_TARGET":"1"}}`)),
				at("defaults", "init_env", knownvalue.MapExact(map[string]knownvalue.Check{})),
				at("pd", "configuration_values", knownvalue.StringExact(`{"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"1"}}`)),
				at("sgp", "configuration_values", knownvalue.StringExact(`{"env":{"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":"true",`+
					`"ENABLE_POD_ENI":"true","ENABLE_PREFIX_DELEGATION":"false","ENI_CONFIG_LABEL_DEF":"topology.kubernetes.io/zone",`+
					`"MAX_ENI":"3","MINIMUM_IP_TARGET":"10","WARM_IP_TARGET":"5"},"init":{"env":{"DISABLE_TCP_EARLY_DEMUX":"true"}}}`)),
				at("sgp", "env", knownvalue.MapSizeExact(7)),
				at("sgp", "init_env", knownvalue.MapExact(map[string]knownvalue.Check{"DISABLE_TCP_EARLY_DEMUX": knownvalue.StringExact("true")})),
			},
		}},
	})
}

func TestAccFunctionVPCCNIConfiguration(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "pd" { input = true }
output "defaults" { value = provider::ekssize::vpc_cni_configuration() }
output "pd"       { value = provider::ekssize::vpc_cni_configuration({ prefix_delegation = true, warm_prefix_target = 2 }) }
output "decoded"  { value = jsondecode(provider::ekssize::vpc_cni_configuration({ security_groups_for_pods = true })).init.env }
output "unknown"  { value = provider::ekssize::vpc_cni_configuration({ prefix_delegation = terraform_data.pd.output }) }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("unknown")}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("defaults", knownvalue.StringExact(`{"env":{"ENABLE_PREFIX_DELEGATION":"false","WARM_ENI_TARGET":"1"}}`)),
			expectOutput("pd", knownvalue.StringExact(`{"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"2"}}`)),
			expectOutput("decoded", knownvalue.MapExact(map[string]knownvalue.Check{"DISABLE_TCP_EARLY_DEMUX": knownvalue.StringExact("true")})),
			expectOutput("unknown", knownvalue.StringExact(`{"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"1"}}`)),
		},
	})
}
