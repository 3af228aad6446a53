package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccInstanceTypeDataSource(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "ekssize_instance_type" "m5" { instance_type = "m5.large" }
data "ekssize_instance_type" "p5" { instance_type = "p5.48xlarge" }
data "ekssize_instance_type" "bm" { instance_type = "bmn-sf1.metal" }
data "ekssize_instance_type" "t3" { instance_type = "t3.small" }
data "ekssize_instance_type" "m5d" { instance_type = "m5d.large" }
data "ekssize_instance_type" "trn2" { instance_type = "trn2.3xlarge" }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("maximum_network_interfaces"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("maximum_network_cards"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("default_network_card_index"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("maximum_ipv4_addresses_per_interface"), knownvalue.Int64Exact(10)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("default_vcpus"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("memory_size"), knownvalue.Int64Exact(8192)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("hypervisor"), knownvalue.StringExact("nitro")),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("bare_metal"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("supported_architectures"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("x86_64")})),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("default_card_network_interfaces"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("trunking_compatible"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("branch_network_interfaces"), knownvalue.Int64Exact(9)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("gpus"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("ebs_attachment_limit"), knownvalue.Int64Exact(27)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("ebs_attachment_limit_type"), knownvalue.StringExact("shared")),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("eni_max_pods"), knownvalue.Int64Exact(29)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5", tfjsonpath.New("data_version"), knownvalue.StringExact("2026-11+vpc-cni-v1.23.2")),

				statecheck.ExpectKnownValue("data.ekssize_instance_type.p5", tfjsonpath.New("maximum_network_interfaces"), knownvalue.Int64Exact(64)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.p5", tfjsonpath.New("maximum_network_cards"), knownvalue.Int64Exact(32)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.p5", tfjsonpath.New("default_card_network_interfaces"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.p5", tfjsonpath.New("gpus"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.p5", tfjsonpath.New("eni_max_pods"), knownvalue.Int64Exact(100)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.p5", tfjsonpath.New("ebs_attachment_limit_type"), knownvalue.StringExact("dedicated")),

				// Issue 14 item 8: AWS documents 28 shared attachment slots; the primary ENI (and m5d's one NVMe
				// instance store volume) are already subtracted, as the EBS CSI driver does.
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5d", tfjsonpath.New("ebs_attachment_limit"), knownvalue.Int64Exact(26)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.m5d", tfjsonpath.New("ebs_attachment_limit_type"), knownvalue.StringExact("shared")),
				// Issue 14 item 4: completed from EC2 DescribeInstanceTypes data.
				statecheck.ExpectKnownValue("data.ekssize_instance_type.trn2", tfjsonpath.New("default_vcpus"), knownvalue.Int64Exact(12)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.trn2", tfjsonpath.New("memory_size"), knownvalue.Int64Exact(131072)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.trn2", tfjsonpath.New("supported_architectures"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("x86_64")})),

				// Unknown facts are null, not zero.
				statecheck.ExpectKnownValue("data.ekssize_instance_type.bm", tfjsonpath.New("default_vcpus"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.bm", tfjsonpath.New("memory_size"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.bm", tfjsonpath.New("supported_architectures"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.bm", tfjsonpath.New("trunking_compatible"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.bm", tfjsonpath.New("branch_network_interfaces"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.bm", tfjsonpath.New("hypervisor"), knownvalue.StringExact("unknown")),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.bm", tfjsonpath.New("bare_metal"), knownvalue.Bool(true)),

				statecheck.ExpectKnownValue("data.ekssize_instance_type.t3", tfjsonpath.New("trunking_compatible"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.ekssize_instance_type.t3", tfjsonpath.New("branch_network_interfaces"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

func TestAccInstanceTypeDataSourceErrors(t *testing.T) {
	t.Parallel()
	acceptanceTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "ekssize_instance_type" "x" { instance_type = "m5.larg" }`,
				ExpectError: regexp.MustCompile(`(?s)with data.ekssize_instance_type.x,.*on terraform_plugin_test.tf line \d+, in data "ekssize_instance_type" "x":\s+\d+: data "ekssize_instance_type" "x" \{ instance_type = "m5.larg" \}\s+instance type "m5.larg" is not in the embedded.*did you mean m5.large\?`),
			},
			{
				Config:      `data "ekssize_instance_type" "x" {}`,
				ExpectError: regexp.MustCompile(`The argument "instance_type" is required`),
			},
		},
	})
}
