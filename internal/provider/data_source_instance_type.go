package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

var _ datasource.DataSource = (*instanceTypeDataSource)(nil)

// NewInstanceTypeDataSource is the ekssize_instance_type data source.
func NewInstanceTypeDataSource() datasource.DataSource { return &instanceTypeDataSource{} }

type instanceTypeDataSource struct{}

// instanceTypeFields are the computed facts of one table row; the
// instance_type function returns the same object.
type instanceTypeFields struct {
	MaximumNetworkInterfaces         types.Int64  `tfsdk:"maximum_network_interfaces"`
	MaximumNetworkCards              types.Int64  `tfsdk:"maximum_network_cards"`
	DefaultNetworkCardIndex          types.Int64  `tfsdk:"default_network_card_index"`
	MaximumIPv4AddressesPerInterface types.Int64  `tfsdk:"maximum_ipv4_addresses_per_interface"`
	DefaultVCPUs                     types.Int64  `tfsdk:"default_vcpus"`
	MemorySize                       types.Int64  `tfsdk:"memory_size"`
	Hypervisor                       types.String `tfsdk:"hypervisor"`
	BareMetal                        types.Bool   `tfsdk:"bare_metal"`
	SupportedArchitectures           types.List   `tfsdk:"supported_architectures"`
	DefaultCardNetworkInterfaces     types.Int64  `tfsdk:"default_card_network_interfaces"`
	TrunkingCompatible               types.Bool   `tfsdk:"trunking_compatible"`
	BranchNetworkInterfaces          types.Int64  `tfsdk:"branch_network_interfaces"`
	GPUs                             types.Int64  `tfsdk:"gpus"`
	EBSAttachmentLimit               types.Int64  `tfsdk:"ebs_attachment_limit"`
	EBSAttachmentLimitType           types.String `tfsdk:"ebs_attachment_limit_type"`
	ENIMaxPods                       types.Int64  `tfsdk:"eni_max_pods"`
	DataVersion                      types.String `tfsdk:"data_version"`
}

type instanceTypeModel struct {
	InstanceType types.String `tfsdk:"instance_type"`
	instanceTypeFields
}

func (d *instanceTypeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_instance_type"
}

// instanceTypeComputedAttributes is the schema of the computed facts, for the
// data source and the instance_type function's return object.
func instanceTypeComputedAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"maximum_network_interfaces": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "ENIs over all network cards (as `aws_ec2_instance_type`). The VPC CNI uses only the default card: see `default_card_network_interfaces`."},
		"maximum_network_cards":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of network cards."},
		"default_network_card_index": schema.Int64Attribute{Computed: true, MarkdownDescription: "Index of the default network card."},
		"maximum_ipv4_addresses_per_interface": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "IPv4 addresses per ENI, the primary one included."},
		"default_vcpus": schema.Int64Attribute{Computed: true, MarkdownDescription: "Default vCPUs; null if unknown."},
		"memory_size":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Memory in MiB; null if unknown."},
		"hypervisor": schema.StringAttribute{Computed: true,
			MarkdownDescription: "`nitro`, `xen` or `unknown` (the VPC CNI table records `unknown` for most bare metal types)."},
		"bare_metal": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the type is bare metal."},
		"supported_architectures": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Architectures, spelled as EC2 does (`x86_64`, `arm64`); null if unknown."},
		"default_card_network_interfaces": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "ENIs on the default network card: the ENI count the VPC CNI and `max-pods-calculator.sh` use."},
		"trunking_compatible": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether the type can take a trunk ENI for security groups for pods (VPC resource controller table); null if the type is not in that table."},
		"branch_network_interfaces": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "Branch ENIs (the `vpc.amazonaws.com/pod-eni` resource) for security groups for pods; null if the type is not in the VPC resource controller's table."},
		"gpus": schema.Int64Attribute{Computed: true, MarkdownDescription: "GPUs (0 for none or unknown)."},
		"ebs_attachment_limit": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "EBS volume attachments the type leaves for EBS volumes, root volume included, as the EBS CSI driver counts them. " +
				"For `shared` types the primary ENI (every instance has one) and any NVMe instance store volumes are already subtracted " +
				"from the slots AWS documents: most Nitro types have 28 shared slots, so `m5.large` shows 27 (28 - 1 ENI) and `m5d.large` 26 " +
				"(28 - 1 ENI - 1 instance store volume). Further ENIs and the root volume still take slots: see `ekssize_node_config.ebs_volume_limit`."},
		"ebs_attachment_limit_type": schema.StringAttribute{Computed: true,
			MarkdownDescription: "`shared` (EBS volumes share attachment slots with ENIs) or `dedicated`, as the EBS CSI driver classifies the type."},
		"eni_max_pods": eniMaxPodsAttribute(),
		"data_version": dataVersionAttribute(),
	}
}

// eniMaxPodsAttribute is the computed eni_max_pods fact; the eni_max_pods
// function quotes its description.
func eniMaxPodsAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true,
		MarkdownDescription: "The VPC CNI `eni-max-pods.txt` value: default-card ENIs x (IPv4 per ENI - 1) + 2, never capped."}
}

// dataVersionAttribute is the data_version attribute every data source has.
func dataVersionAttribute() schema.StringAttribute {
	return schema.StringAttribute{Computed: true,
		MarkdownDescription: "Version of the embedded instance table, e.g. `2026-11+vpc-cni-v1.23.2`."}
}

func (d *instanceTypeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := instanceTypeComputedAttributes()
	attrs["instance_type"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: "EC2 instance type, such as `m5.large`. An unknown name is an error that suggests the closest known " +
			"types; the table covers every type in the VPC CNI's `eni-max-pods.txt` (see `data_version`).",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Facts about an EC2 instance type from the embedded table: network limits as the VPC CNI sees them, " +
			"security-groups-for-pods limits, vCPUs, memory, GPUs and the EBS attachment limit. Attribute names follow the AWS " +
			"provider's `aws_ec2_instance_type` where the meaning is identical, so the two can be swapped; this one needs no credentials.",
		Attributes: attrs,
	}
}

func (d *instanceTypeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m instanceTypeModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only table types: this data source has no instance object to describe
	// a newer one, so the error does not suggest it (sizing.TableInstance).
	in, err := sizing.TableInstance(m.InstanceType.ValueString())
	if err != nil {
		addCoreError(&resp.Diagnostics, "Unknown instance type", err)
		return
	}
	m.instanceTypeFields = instanceTypeFieldsOf(in)
	resp.Diagnostics.Append(setState(ctx, &resp.State, &m)...)
}

func instanceTypeFieldsOf(in ec2data.Instance) instanceTypeFields {
	archs := types.ListNull(types.StringType)
	if name, ok := in.EC2Architecture(); ok {
		archs = types.ListValueMust(types.StringType, []attr.Value{types.StringValue(name)})
	}
	trunking := types.BoolNull()
	branch := types.Int64Null()
	if in.TrunkingKnown {
		trunking = types.BoolValue(in.TrunkingCompatible)
		branch = types.Int64Value(int64(in.BranchENIs))
	}
	return instanceTypeFields{
		MaximumNetworkInterfaces:         types.Int64Value(int64(in.TotalENIs)),
		MaximumNetworkCards:              types.Int64Value(int64(in.NetworkCards)),
		DefaultNetworkCardIndex:          types.Int64Value(int64(in.DefaultNetworkCardIndex)),
		MaximumIPv4AddressesPerInterface: types.Int64Value(int64(in.IPv4PerENI)),
		DefaultVCPUs:                     int64Ptr(in.VCPUs, in.HasVCPUs()),
		MemorySize:                       int64Ptr(in.MemoryMiB, in.HasMemory()),
		Hypervisor:                       types.StringValue(in.Hypervisor),
		BareMetal:                        types.BoolValue(in.BareMetal),
		SupportedArchitectures:           archs,
		DefaultCardNetworkInterfaces:     types.Int64Value(int64(in.DefaultCardENIs)),
		TrunkingCompatible:               trunking,
		BranchNetworkInterfaces:          branch,
		GPUs:                             types.Int64Value(int64(in.GPUCount)),
		EBSAttachmentLimit:               types.Int64Value(int64(in.EBSMaxAttachments)),
		EBSAttachmentLimitType:           types.StringValue(in.EBSAttachmentType),
		ENIMaxPods:                       types.Int64Value(int64(in.ENIMaxPods())),
		DataVersion:                      types.StringValue(ec2data.DataVersion()),
	}
}
