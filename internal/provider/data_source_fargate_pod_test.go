package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccFargatePodDataSource(t *testing.T) {
	t.Parallel()
	at := func(ds, attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.ekssize_fargate_pod."+ds, tfjsonpath.New(attr), v)
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
# The EKS User Guide's example: 1 vCPU and 8 GB, plus 256 MB, needs 2 vCPU and 9 GB.
data "ekssize_fargate_pod" "guide" {
  container {
    cpu_request    = "1"
    memory_request = "8Gi"
  }
}

# No requests at all: the smallest combination.
data "ekssize_fargate_pod" "empty" {
  container {}
}

# An init container larger than the app, limits standing in for requests, and storage.
data "ekssize_fargate_pod" "mixed" {
  container {
    name           = "migrate"
    init           = true
    cpu_request    = "1"
    memory_request = "2Gi"
  }
  container {
    name                      = "app"
    cpu_limit                 = "500m"
    memory_limit              = "3Gi"
    ephemeral_storage_request = "50Gi"
  }
  container {
    name                      = "sidecar"
    cpu_request               = "250m"
    memory_request            = "1Gi"
    ephemeral_storage_request = "50Gi"
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				at("guide", "capacity_provisioned", knownvalue.StringExact("2vCPU 9GB")),
				at("guide", "cpu_millicores", knownvalue.Int64Exact(2000)),
				at("guide", "vcpu", knownvalue.Float64Exact(2)),
				at("guide", "memory_mib", knownvalue.Int64Exact(9216)),
				at("guide", "memory_gib", knownvalue.Float64Exact(9)),
				at("guide", "memory_with_overhead_mib", knownvalue.Int64Exact(8448)),
				at("guide", "ephemeral_storage_gib", knownvalue.Int64Exact(20)),

				at("empty", "capacity_provisioned", knownvalue.StringExact("0.25vCPU 0.5GB")),
				at("empty", "vcpu", knownvalue.Float64Exact(0.25)),
				at("empty", "memory_gib", knownvalue.Float64Exact(0.5)),

				at("mixed", "init_cpu_millicores", knownvalue.Int64Exact(1000)),
				at("mixed", "init_memory_mib", knownvalue.Int64Exact(2048)),
				at("mixed", "long_running_cpu_millicores", knownvalue.Int64Exact(750)),
				at("mixed", "long_running_memory_mib", knownvalue.Int64Exact(4096)),
				at("mixed", "pod_cpu_millicores", knownvalue.Int64Exact(1000)),
				at("mixed", "pod_memory_mib", knownvalue.Int64Exact(4096)),
				at("mixed", "memory_with_overhead_mib", knownvalue.Int64Exact(4352)),
				at("mixed", "capacity_provisioned", knownvalue.StringExact("1vCPU 5GB")),
				at("mixed", "ephemeral_storage_request_gib", knownvalue.Int64Exact(100)),
				at("mixed", "ephemeral_storage_gib", knownvalue.Int64Exact(115)),
				at("mixed", "explanation", knownvalue.StringExact("requests: init max 1000m/2048Mi, long-running sum 750m/4096Mi -> "+
					"1000m/4096Mi; + 256Mi for kubelet, kube-proxy and containerd = 4352Mi; rounded up to 1vCPU 5GB; ephemeral storage 115 GiB")),
			},
		}},
	})
}

// A value not known until apply defers the read; checks that need no unknown
// value still run at plan.
func TestAccFargatePodDataSourceUnknown(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "mem" { input = "3Gi" }
data "ekssize_fargate_pod" "x" {
  container {
    cpu_request    = "2"
    memory_request = terraform_data.mem.output
  }
}
output "size" { value = data.ekssize_fargate_pod.x.capacity_provisioned }
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("size")}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("size", knownvalue.StringExact("2vCPU 4GB")),
			},
		}},
	})
}
