package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccValidateConfigAtPlan (issue 14 item 11): mistakes are errors when
// Terraform validates the configuration, before anything is created, also
// when another attribute is not known until apply (which defers the read to
// apply). Each step only plans: without ValidateConfig these plans succeed
// (the data source waits for terraform_data.u) and the error came at apply.
func TestAccValidateConfigAtPlan(t *testing.T) {
	t.Parallel()
	const unknown = `resource "terraform_data" "u" { input = "1" }
`
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: unknown + body, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			step(`data "ekssize_max_pods" "x" {
  instance_type = "m5.large"
  cap_policy    = "EKS"
  cni_version   = terraform_data.u.output
}`, `(?s)cap_policy\s+=\s+"EKS".*cap_policy\s+is\s+"EKS";\s+it\s+must\s+be\s+one\s+of\s+"eks",\s+"auto_mode"\s+or\s+"none"`),
			step(`data "ekssize_max_pods" "x" {
  instance_type = "m5.lrage"
  cni_version   = terraform_data.u.output
}`, `(?s)instance_type\s+=\s+"m5.lrage".*instance\s+type\s+"m5.lrage"\s+is\s+not\s+in\s+the\s+embedded.*did\s+you\s+mean\s+m5.large\?`),
			step(`data "ekssize_max_pods" "x" {
  instance_type  = "m5.large"
  instance_types = ["m5.large"]
  cap_policy     = terraform_data.u.output
}`, `give\s+only\s+one\s+of\s+instance_type,\s+instance\s+or\s+instance_types`),
			step(`data "ekssize_max_pods" "x" {
  instance_types = ["m5.large", "c5.4xlrge"]
  cni_version    = terraform_data.u.output
}`, `(?s)instance\s+type\s+"c5.4xlrge"\s+is\s+not\s+in\s+the\s+embedded.*did\s+you\s+mean\s+c5.4xlarge\?`),
			step(`data "ekssize_max_pods" "x" {
  instance_type  = "m5.large"
  max_pods_limit = -5
  cni_version    = terraform_data.u.output
}`, `(?s)max_pods_limit\s+=\s+-5.*max_pods_limit\s+is\s+-5;\s+it\s+must\s+be\s+at\s+least\s+1`),
			// launch_path and mirror are checked next to an unknown value too.
			step(`data "ekssize_max_pods" "x" {
  instance_type = "m5.large"
  launch_path   = "automode"
  cni_version   = terraform_data.u.output
}`, `(?s)launch_path\s+=\s+"automode".*launch_path\s+is\s+"automode"`),
			step(`data "ekssize_max_pods" "x" {
  instance_type = "m5.large"
  mirror        = "bogus"
  cni_version   = terraform_data.u.output
}`, `(?s)mirror\s+=\s+"bogus".*mirror\s+is\s+"bogus"`),
			step(`data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  launch_path   = "automode"
  cni_version   = terraform_data.u.output
}`, `(?s)launch_path\s+=\s+"automode".*launch_path\s+is\s+"automode"`),
			// node_config's batch form refuses the single form next to an unknown value.
			step(`data "ekssize_node_config" "x" {
  instance_type  = "m5.large"
  instance_types = ["m5.large"]
  cni_version    = terraform_data.u.output
}`, `give\s+only\s+one\s+of\s+instance_type,\s+instance\s+or\s+instance_types`),
			step(`data "ekssize_max_pods" "x" {}`,
				`give\s+instance_type\s+\(a\s+type\s+from\s+the\s+embedded\s+table,\s+such\s+as\s+"m5.large"\)\s+or\s+instance`),
			step(`data "ekssize_max_pods" "x" {
  instance = { network_interfaces = 3, ipv4_addresses_per_interface = 10, vcpus = 0 }
  cni_version = terraform_data.u.output
}`, `instance.vcpus\s+is\s+0;\s+it\s+must\s+be\s+between\s+1\s+and\s+100000`),
			step(`data "ekssize_subnet_capacity" "x" {
  instance_type = "m5.large"
  node_count    = tonumber(terraform_data.u.output)
  subnets = [
    { cidr_block = "10.0.0.0/24", available_ip_address_count = tonumber(terraform_data.u.output) },
    { cidr_block = "10.0.1.0/29" },
  ]
}`, `subnets\[1\].cidr_block\s+"10.0.1.0/29"\s+is\s+a\s+/29;\s+AWS\s+IPv4\s+subnets\s+are\s+/16`),
			step(`data "ekssize_subnet_capacity" "x" {
  instance_type  = "m5.large"
  node_count     = tonumber(terraform_data.u.output)
  warm_ip_target = -1
  subnets        = [{ cidr_block = "10.0.0.0/24" }]
}`, `warm_ip_target\s+is\s+-1;\s+it\s+must\s+be\s+between\s+0\s+and`),
			step(`data "ekssize_subnet_capacity" "x" {
  instance_type = "m5.large"
  subnets       = []
}`, `subnets\s+is\s+empty;\s+give\s+at\s+least\s+one\s+subnet`),
			step(`data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  cluster = {
    name                  = ""
    api_server_endpoint   = "https://ABCD.gr7.us-west-2.eks.amazonaws.com"
    certificate_authority = "`+testCA+`"
    service_cidr          = terraform_data.u.output
  }
}`, `cluster.name\s+is\s+empty;\s+give\s+the\s+EKS\s+cluster's\s+name`),
			step(`data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  max_pods      = tonumber(terraform_data.u.output)
  kube_reserved = { memory = "500MB" }
}`, `kube_reserved.memory\s+is\s+"500MB"`),
			step(`data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  max_pods      = tonumber(terraform_data.u.output)
  eviction_hard = { "memory.free" = "1Gi" }
}`, `eviction_hard\s+has\s+the\s+signal\s+"memory.free"`),
			step(`data "ekssize_node_config" "x" {
  instance_type = "m5.large"
  cap_policy    = "EKS"
  ami_family    = terraform_data.u.output
}`, `cap_policy\s+is\s+"EKS"`),
			step(`data "ekssize_max_pods_expression" "x" {
  instance_types = ["m5.large", "m5.lrage"]
  cni_version    = terraform_data.u.output
}`, `instance\s+type\s+"m5.lrage"\s+is\s+not\s+in\s+the\s+embedded`),
			step(`data "ekssize_max_pods_expression" "x" {
  instance_types = ["m5.large"]
  cap_policy     = "EKS"
  cni_version    = terraform_data.u.output
}`, `cap_policy\s+is\s+"EKS"`),
			// A misspelt name inside an object argument (issue 14 item 12),
			// also inside an object that holds a value not known yet.
			step(`data "ekssize_subnet_capacity" "x" {
  instance_type = "m5.large"
  node_count    = tonumber(terraform_data.u.output)
  subnets       = [{ cidr_block = "10.0.0.0/24" }]
  reserved      = { application_loadbalancers = 10 }
}`, `reserved:\s+unknown\s+attribute\s+"application_loadbalancers"\s+\(did\s+you\s+mean\s+"application_load_balancers"\?\)`),
			step(`data "ekssize_subnet_capacity" "x" {
  instance_type = "m5.large"
  subnets       = [{ cidr_block = "10.0.0.0/24", available_ip_addresses_count = tonumber(terraform_data.u.output) }]
}`, `subnets\[0\]:\s+unknown\s+attribute\s+"available_ip_addresses_count"\s+\(did\s+you\s+mean\s+"available_ip_address_count"\?\)`),
			step(`data "ekssize_node_config" "x" {
  instance_type   = "m5.large"
  max_pods        = tonumber(terraform_data.u.output)
  system_reserved = { cpu = terraform_data.u.output, memroy = "100Mi" }
}`, `system_reserved:\s+unknown\s+attribute\s+"memroy"\s+\(did\s+you\s+mean\s+"memory"\?\)`),
			// The batch forms check their types at validate with the same
			// function and words as their read (batchInstances).
			step(`data "ekssize_node_config" "x" {
  instance_types = ["m5.large", "m5.lrage"]
  max_pods       = tonumber(terraform_data.u.output)
}`, `(?s)instance\s+type\s+"m5.lrage"\s+is\s+not\s+in\s+the\s+embedded.*did\s+you\s+mean\s+m5.large\?`),
			step(`data "ekssize_max_pods" "x" {
  instance_types = []
  cni_version    = terraform_data.u.output
}`, `instance_types\s+is\s+empty;\s+give\s+at\s+least\s+one\s+instance\s+type`),
			step(`data "ekssize_instance_type" "x" { instance_type = "m5.larg" }`,
				`instance\s+type\s+"m5.larg"\s+is\s+not\s+in\s+the\s+embedded`),
			// Checks that combine a known value with an unknown one wait: 100
			// pods per node may fit the max_pods that is not known yet.
			{
				Config: unknown + `data "ekssize_subnet_capacity" "x" {
  instance_type = "m5.large"
  max_pods      = tonumber(terraform_data.u.output)
  pods_per_node = 100
  subnets       = [{ cidr_block = "10.0.0.0/24" }]
}`,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// TestWholeNumberInputs: every whole-number input of every data source has
// the wholeNumber type, so a fraction or a number beyond the bound gets the
// provider's message (whole_number.go), nested attributes and blocks included.
func TestWholeNumberInputs(t *testing.T) {
	ctx := context.Background()
	whole := 0
	var check func(where string, a schema.Attribute)
	check = func(where string, a schema.Attribute) {
		a = unshaped(a) // a checked object's attributes are its shape's
		if _, ok := a.GetType().(wholeNumberType); ok {
			whole++
		}
		if a.IsRequired() || a.IsOptional() {
			if _, plain := a.GetType().(basetypes.Int64Type); plain {
				t.Errorf("%s is a whole-number input without CustomType: wholeNumber", where)
			}
		}
		if n, ok := a.(schema.NestedAttribute); ok {
			for k, na := range n.GetNestedObject().GetAttributes() {
				check(where+"."+k, na.(schema.Attribute))
			}
		}
	}
	var checkBlock func(where string, b schema.Block)
	checkBlock = func(where string, b schema.Block) {
		for k, a := range b.GetNestedObject().GetAttributes() {
			check(where+"."+k, a.(schema.Attribute))
		}
		for k, nb := range b.GetNestedObject().GetBlocks() {
			checkBlock(where+"."+k, nb.(schema.Block))
		}
	}
	for _, newDS := range New("test")().DataSources(ctx) {
		ds := newDS()
		var md datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "ekssize"}, &md)
		var sr datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
		for k, a := range sr.Schema.Attributes {
			check(md.TypeName+"."+k, a)
		}
		for k, b := range sr.Schema.Blocks {
			checkBlock(md.TypeName+"."+k, b)
		}
	}
	if whole < 40 {
		t.Errorf("%d whole-number inputs found; the data sources have more", whole)
	}
}
