package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccNodePoolDataSource(t *testing.T) {
	t.Parallel()
	at := func(ds string, p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.ekssize_nodepool."+ds, p, v)
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_nodepool" "pd" {
  instance_types    = ["m5.xlarge", "m5.large", "c5.large", "m4.large"]
  prefix_delegation = true
}
data "ekssize_nodepool" "secondary" {
  instance_families = ["m5", "c5"]
  instance_sizes    = ["large", "xlarge", "4xlarge"]
  architectures     = ["amd64"]
  ami_family        = "bottlerocket"
  daemonset {
    cpu_request    = "100m"
    memory_request = "128Mi"
  }
  daemonset {
    cpu_request  = "100m"
    host_network = true
  }
  largest_pod_cpu_request    = "2"
  largest_pod_memory_request = "1Gi"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				at("pd", tfjsonpath.New("max_pods"), knownvalue.MapExact(map[string]knownvalue.Check{
					"c5.large": knownvalue.Int64Exact(110), "m5.large": knownvalue.Int64Exact(110), "m5.xlarge": knownvalue.Int64Exact(110),
				})),
				at("pd", tfjsonpath.New("excluded").AtMapKey("m4.large"), knownvalue.StringRegexp(regexp.MustCompile(`^m4\.large runs on the xen hypervisor`))),
				at("pd", tfjsonpath.New("instance_type_results").AtSliceIndex(3), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"instance_type": knownvalue.StringExact("m5.xlarge"), "karpenter_max_pods": knownvalue.Int64Exact(58),
					"max_pods": knownvalue.Int64Exact(110), "kube_reserved_cpu_millicores": knownvalue.Int64Exact(80),
					"kube_reserved_memory_mib": knownvalue.Int64Exact(893), "allocatable_cpu_millicores": knownvalue.Int64Exact(3920),
					"allocatable_memory_mib": knownvalue.Int64Exact(14162), "pods_left": knownvalue.Int64Exact(110),
					"cpu_left_millicores": knownvalue.Int64Exact(3920), "memory_left_mib": knownvalue.Int64Exact(14162),
					"excluded_reason": knownvalue.Null(),
				})),
				at("pd", tfjsonpath.New("node_classes"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"max_pods": knownvalue.Int64Exact(110), "set_max_pods": knownvalue.Bool(true),
					"instance_types": knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("c5.large"), knownvalue.StringExact("m5.large"), knownvalue.StringExact("m5.xlarge")}),
					"kubelet_yaml":     knownvalue.StringExact("maxPods: 110\n"),
					"requirement_yaml": knownvalue.StringExact("- key: node.kubernetes.io/instance-type\n  operator: In\n  values: [\"c5.large\", \"m5.large\", \"m5.xlarge\"]\n"),
				})})),

				// Secondary IPs, Bottlerocket: Karpenter is right below the EKS cap; the 4xlarge types need maxPods 110.
				at("secondary", tfjsonpath.New("node_classes").AtSliceIndex(0).AtMapKey("instance_types"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("c5.4xlarge"), knownvalue.StringExact("m5.4xlarge")})),
				at("secondary", tfjsonpath.New("node_classes").AtSliceIndex(0).AtMapKey("kubelet_yaml"), knownvalue.StringExact("maxPods: 110\n")),
				at("secondary", tfjsonpath.New("node_classes").AtSliceIndex(1).AtMapKey("set_max_pods"), knownvalue.Bool(false)),
				at("secondary", tfjsonpath.New("node_classes").AtSliceIndex(1).AtMapKey("kubelet_yaml"), knownvalue.StringExact("")),
				// The 2-vCPU types cannot hold a 2-CPU pod beside 200m of DaemonSets.
				at("secondary", tfjsonpath.New("excluded").AtMapKey("m5.large"), knownvalue.StringExact(
					"the largest pod (2000m CPU, 1024Mi memory) does not fit the 1730m and 6775Mi left beside the DaemonSets")),
				// Bottlerocket's kube-reserved memory follows the max pods written (110 on m5.4xlarge: 11 x 110 + 255).
				at("secondary", tfjsonpath.New("instance_type_results").AtSliceIndex(3).AtMapKey("kube_reserved_memory_mib"), knownvalue.Int64Exact(1465)),
				at("secondary", tfjsonpath.New("instance_type_results").AtSliceIndex(3).AtMapKey("instance_type"), knownvalue.StringExact("m5.4xlarge")),
			},
		}},
	})
}

// daemonset.host_network: a host-network pod counts against max pods but takes
// no pod IP, so on ENI-limited types (m5.large: 29 max pods, 27 pod IPs;
// t3.nano: 4 and 2) the DaemonSets off the host network meet the pod IPs
// first. Under the cap (m5.4xlarge: 110 of 232 pod IPs) it changes nothing.
func TestAccNodePoolDataSourceHostNetwork(t *testing.T) {
	t.Parallel()
	podsLeft := func(ds string, m5x4, m5l, nano int64) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.ekssize_nodepool."+ds, tfjsonpath.New("instance_type_results"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_type": knownvalue.StringExact("m5.4xlarge"), "max_pods": knownvalue.Int64Exact(110), "pods_left": knownvalue.Int64Exact(m5x4)}),
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_type": knownvalue.StringExact("m5.large"), "max_pods": knownvalue.Int64Exact(29), "pods_left": knownvalue.Int64Exact(m5l)}),
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"instance_type": knownvalue.StringExact("t3.nano"), "max_pods": knownvalue.Int64Exact(4), "pods_left": knownvalue.Int64Exact(nano)}),
		}))
	}
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_nodepool" "host" {
  instance_types = ["m5.large", "m5.4xlarge", "t3.nano"]
  daemonset {
    name         = "aws-node"
    host_network = true
  }
  daemonset {
    name         = "kube-proxy"
    host_network = true
  }
  daemonset { name = "node-exporter" }
}
data "ekssize_nodepool" "pod" {
  instance_types = ["m5.large", "m5.4xlarge", "t3.nano"]
  daemonset { name = "aws-node" }
  daemonset { name = "kube-proxy" }
  daemonset { name = "node-exporter" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// 29 - 3 = 26 max pods left, 27 - 1 = 26 pod IPs left; t3.nano: 4 - 3 = 1 and 2 - 1 = 1.
				podsLeft("host", 107, 26, 1),
				statecheck.ExpectKnownValue("data.ekssize_nodepool.host", tfjsonpath.New("excluded"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				// 27 - 3 = 24 pod IPs left; t3.nano: 2 - 3 = -1, excluded.
				podsLeft("pod", 107, 24, -1),
				statecheck.ExpectKnownValue("data.ekssize_nodepool.pod", tfjsonpath.New("excluded"), knownvalue.MapExact(map[string]knownvalue.Check{
					"t3.nano": knownvalue.StringExact("the VPC CNI gives it 2 pod IPs, and the 3 DaemonSet pods not on the host network leave none for other pods (host-network pods take no pod IP)"),
				})),
			},
		}},
	})
}

func TestAccNodePoolDataSourceUnknown(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "t" { input = "m5.large" }
data "ekssize_nodepool" "x" { instance_types = [terraform_data.t.output, "c5.large"] }
output "max_pods" { value = data.ekssize_nodepool.x.max_pods }
`,
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("max_pods")}},
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("max_pods", knownvalue.MapSizeExact(2))},
		}},
	})
}
