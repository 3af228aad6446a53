package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// TestAccFunctionsAgreeWithDataSources checks through Terraform that the
// subnet, node IP and kube-reserved functions give what their data sources
// give for the same settings (max_pods has its own test).
func TestAccFunctionsAgreeWithDataSources(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
locals {
  cni = { prefix_delegation = true, warm_prefix_target = 0 }
}

data "ekssize_subnet_capacity" "x" {
  instance_type      = "m5.large"
  prefix_delegation  = true
  warm_prefix_target = 0
  reserved           = { application_load_balancers = 1 }
  subnets            = [{ cidr_block = "10.0.0.0/20", cluster_subnet = true }]
}

data "ekssize_subnet_capacity" "custom" {
  instance_type     = "c6i.2xlarge"
  custom_networking = true
  subnets           = [{ cidr_block = "10.0.0.0/24" }]
  pod_subnets       = [{ cidr_block = "100.64.0.0/20" }]
}

data "ekssize_node_config" "x" {
  instance_type       = "m5.4xlarge"
  prefix_delegation   = true
  kube_reserved_basis = "eni"
  max_pods            = 58
}

locals {
  subnet_max_nodes = provider::ekssize::subnet_max_nodes("10.0.0.0/20", "m5.large",
    merge(local.cni, { reserved = { application_load_balancers = 1 }, cluster_subnet = true }))
  custom_max_nodes = provider::ekssize::subnet_max_nodes("10.0.0.0/24", "c6i.2xlarge",
    { custom_networking = true, pod_subnets = [{ cidr_block = "100.64.0.0/20" }] })
  node_ips      = provider::ekssize::node_ips("m5.large", data.ekssize_subnet_capacity.x.pods_per_node, local.cni)
  kube_reserved = provider::ekssize::kube_reserved("m5.4xlarge", { prefix_delegation = true, kube_reserved_basis = "eni", max_pods = 58 })
}

output "subnet_max_nodes" { value = [local.subnet_max_nodes, data.ekssize_subnet_capacity.x.max_nodes] }
output "custom_max_nodes" { value = [local.custom_max_nodes, data.ekssize_subnet_capacity.custom.max_nodes] }
output "usable_ips" {
  value = [provider::ekssize::subnet_usable_ips("10.0.0.0/20"), data.ekssize_subnet_capacity.x.subnet_results[0].usable_ips]
}
output "node_ips_same" { value = local.node_ips == data.ekssize_subnet_capacity.x.per_node }
output "kube_reserved_same" {
  value = local.kube_reserved == merge(data.ekssize_node_config.x.kube_reserved, {
    cpu_millicores = data.ekssize_node_config.x.kube_reserved_cpu_millicores
    memory_mib     = data.ekssize_node_config.x.kube_reserved_memory_mib
  })
}
output "kube_reserved_memory_mib" { value = local.kube_reserved.memory_mib }
`,
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("subnet_max_nodes", knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(30), knownvalue.Int64Exact(30)})),
			expectOutput("custom_max_nodes", knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(90), knownvalue.Int64Exact(90)})),
			expectOutput("usable_ips", knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(4091), knownvalue.Int64Exact(4091)})),
			expectOutput("node_ips_same", knownvalue.Bool(true)),
			expectOutput("kube_reserved_same", knownvalue.Bool(true)),
			expectOutput("kube_reserved_memory_mib", knownvalue.Int64Exact(11*234+255)), // basis eni: eni_max_pods 234
		},
	})
}
