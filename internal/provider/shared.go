package provider

import (
	"context"
	"errors"
	"maps"
	"math"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// This file holds the attribute groups shared by several data sources (the
// instance, the networking settings), their models, and the one conversion from
// those models into the core's types. Data sources compose these groups;
// function option objects go through the same conversion.

// instanceModel is the instance attribute group: exactly one of a table name or
// a custom description.
type instanceModel struct {
	InstanceType types.String         `tfsdk:"instance_type"`
	Instance     *customInstanceModel `tfsdk:"instance"`
}

type customInstanceModel struct {
	NetworkInterfaces         types.Int64  `tfsdk:"network_interfaces"`
	IPv4AddressesPerInterface types.Int64  `tfsdk:"ipv4_addresses_per_interface"`
	VCPUs                     types.Int64  `tfsdk:"vcpus"`
	Hypervisor                types.String `tfsdk:"hypervisor"`
	BareMetal                 types.Bool   `tfsdk:"bare_metal"`
	MemorySize                types.Int64  `tfsdk:"memory_size"`
	Architecture              types.String `tfsdk:"architecture"`
}

// networkingModel is the VPC CNI / kubelet settings group.
type networkingModel struct {
	PrefixDelegation      types.Bool   `tfsdk:"prefix_delegation"`
	IPFamily              types.String `tfsdk:"ip_family"`
	CustomNetworking      types.Bool   `tfsdk:"custom_networking"`
	SecurityGroupsForPods types.Bool   `tfsdk:"security_groups_for_pods"`
	ReservedENIs          types.Int64  `tfsdk:"reserved_enis"`
	MaxENI                types.Int64  `tfsdk:"max_eni"`
	CNIVersion            types.String `tfsdk:"cni_version"`
	OS                    types.String `tfsdk:"os"`
	CapPolicy             types.String `tfsdk:"cap_policy"`
	MaxPodsLimit          types.Int64  `tfsdk:"max_pods_limit"`
	PodsPerCore           types.Int64  `tfsdk:"pods_per_core"`
}

// instanceAttributes is the schema of instanceModel.
func instanceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"instance_type": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "EC2 instance type from the embedded table, such as `m5.large` (every type in the VPC CNI's " +
				"`eni-max-pods.txt`, see `data_version`). An unknown name is an error that suggests the closest known types. " +
				"Exactly one of `instance_type` and `instance` must be set.",
		},
		"instance": checkedObject(schema.SingleNestedAttribute{
			Optional: true,
			MarkdownDescription: "Limits of an instance type the embedded table lacks (newer than its data version), for example " +
				"from `data.aws_ec2_instance_type`. Exactly one of `instance_type` and `instance` must be set.",
			Attributes: map[string]schema.Attribute{
				"network_interfaces": schema.Int64Attribute{
					CustomType: wholeNumber,
					Required:   true,
					MarkdownDescription: "ENIs on the default network card (what the VPC CNI manages). For single-card types this is " +
						"`maximum_network_interfaces` of `aws_ec2_instance_type`.",
				},
				"ipv4_addresses_per_interface": schema.Int64Attribute{
					CustomType:          wholeNumber,
					Required:            true,
					MarkdownDescription: "IPv4 addresses per ENI, the primary one included (`maximum_ipv4_addresses_per_interface`).",
				},
				"vcpus": schema.Int64Attribute{
					CustomType: wholeNumber,
					Optional:   true,
					MarkdownDescription: "Default vCPUs (`default_vcpus`). Needed by `cap_policy = \"eks\"` and `pods_per_core`; " +
						"unset means unknown.",
				},
				"hypervisor": schema.StringAttribute{
					Optional:            true,
					MarkdownDescription: "`nitro` (default), `xen` or `unknown`. Prefix delegation needs Nitro or bare metal.",
				},
				"bare_metal": schema.BoolAttribute{
					Optional:            true,
					MarkdownDescription: "Whether the type is bare metal (default `false`). Bare metal types take prefixes whatever the hypervisor.",
				},
				"memory_size": schema.Int64Attribute{
					CustomType: wholeNumber,
					Optional:   true,
					MarkdownDescription: "Memory in MiB (`memory_size`). Needed by `ekssize_node_config` for capacity and allocatable; " +
						"unset means unknown.",
				},
				"architecture": schema.StringAttribute{
					Optional: true,
					MarkdownDescription: "`x86_64` (default) or `arm64`, as EC2 spells them (`supported_architectures`). Karpenter's " +
						"capacity model subtracts 64 MiB on arm64.",
				},
			},
		}),
	}
}

// networkingAttributes is the schema of networkingModel.
func networkingAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"prefix_delegation": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "VPC CNI `ENABLE_PREFIX_DELEGATION`: each ENI slot holds a /28 prefix (16 IPs). Default `false`. " +
				"Applies on Nitro and bare metal types with VPC CNI 1.9 or later; elsewhere the secondary-IP value is used with a warning. " +
				"With `os = \"windows\"` it stands for `enable-windows-prefix-delegation` in the `amazon-vpc-cni` ConfigMap (see `os`).",
		},
		"ip_family": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "`ipv4` (default) or `ipv6`. IPv6 clusters always use prefixes, so max pods is the prefix " +
				"arithmetic (capped); it needs a Nitro or bare metal type and cannot be combined with custom networking.",
		},
		"custom_networking": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "VPC CNI `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`: pods use ENIConfig subnets, so the primary ENI " +
				"carries no pod IPs (one ENI fewer). Default `false`. Mirrors `max-pods-calculator.sh --cni-custom-networking-enabled`.",
		},
		"security_groups_for_pods": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "VPC CNI `ENABLE_POD_ENI`: the trunk ENI takes one default-card ENI slot. Default `false`. " +
				"The type must be trunking compatible.",
		},
		"reserved_enis": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "Default-card ENIs kept away from pods (other software attaches them), like Karpenter's " +
				"`RESERVED_ENIS`. Default `0`; must be 0 or more.",
		},
		"max_eni": schema.Int64Attribute{
			CustomType:          wholeNumber,
			Optional:            true,
			MarkdownDescription: "VPC CNI `MAX_ENI`: the most ENIs the CNI attaches. Unset means the type's limit; must be at least 1.",
		},
		"cni_version": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "VPC CNI version, such as `1.18.3`, `v1.9.0` or `v1.19.2-eksbuild.1` (the add-on form). Unset means " +
				"a current release. Prefix delegation needs 1.9.0 or later (older versions give the secondary-IP value and a warning); " +
				"IPv6 needs 1.10.0 or later.",
		},
		"os": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "`linux` (default) or `windows`. Windows nodes get pod IPs from the VPC resource controller " +
				"(amazon-vpc-resource-controller-k8s, mirrored at v1.8.2), on the primary ENI only: its secondary IPs (IPv4 per ENI - 1), or " +
				"with `prefix_delegation` (`enable-windows-prefix-delegation`) IPv4 per ENI - 1 /28 prefixes of 16 IPs each on a Nitro type, " +
				"with max pods then kubelet's default 110 whatever the vCPUs (EKS User Guide, prefix delegation for Windows: \"By default, " +
				"the maximum number of Pods that you can deploy to a node is 110\"; `cap_policy = \"none\"` gives the address count). An " +
				"m5.large: 9 pods, or 144 addresses and 110 pods with prefixes. Subnet use (`ekssize_subnet_capacity`, `node_ips`, " +
				"`subnet_max_nodes`, `ekssize_cluster_ip_plan`) follows the controller's warm pool, with `warm_ip_target`, " +
				"`minimum_ip_target` and `warm_prefix_target` standing for the ConfigMap's `windows-warm-ip-target`, " +
				"`windows-minimum-ip-target` and `windows-warm-prefix-target` (see those attributes); `pods_per_node` defaults to max pods " +
				"(Windows runs no host-network system pods). `ip_family = \"ipv6\"`, `custom_networking` and `security_groups_for_pods` " +
				"are errors (the EKS User Guide: you can't use them with Windows nodes), and so are `reserved_enis`, `max_eni` and the " +
				"19 table types the controller's limits table lacks.",
		},
		"cap_policy": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Ceiling applied to the ENI arithmetic. `eks` (default) mirrors `max-pods-calculator.sh` and the " +
				"EKS AMIs: 110 for up to 30 vCPUs, else 250 (an error if vCPUs are unknown). `none`: no ceiling, the raw " +
				"`eni-max-pods.txt`-style value. `auto_mode` is deprecated (a warning): `launch_path = \"auto_mode\"` on " +
				"`ekssize_max_pods` and `max_pods()` is the supported way. It now gives EKS " +
				"Auto Mode's published formula, the lower of 110 and ENIs x (IPv4 per ENI - 1) (27 for an `m5.large`; it used to cap the " +
				"VPC CNI arithmetic at 110, 29), over the ENIs the other settings leave, without the launch path's checks; Windows keeps " +
				"its own value, capped at 110. It changes max pods only: the addresses follow `prefix_delegation` as given (with " +
				"prefixes `prefix_delegation_applied` is `true` and subnet use is the ipamd replay of /28 prefixes up to that max pods, " +
				"as on an Auto Mode node, which uses prefixes by default).",
		},
		"max_pods_limit": schema.Int64Attribute{
			CustomType:          wholeNumber,
			Optional:            true,
			MarkdownDescription: "An extra ceiling applied after the cap (only ever lowers max pods). Must be at least 1.",
		},
		"pods_per_core": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "kubelet `podsPerCore`: max pods is at most this times the vCPUs (only ever lowers it). " +
				"Must be at least 1; needs the vCPU count.",
		},
	}
}

// mergeAttributes combines attribute groups into one schema map. Duplicate
// names are a programming error.
func mergeAttributes(groups ...map[string]schema.Attribute) map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for _, g := range groups {
		for k := range g {
			if _, dup := out[k]; dup {
				panic("provider: attribute " + k + " defined twice")
			}
		}
		maps.Copy(out, g)
	}
	return out
}

// objectTypeOf is the object type of a set of attributes, so a returned or
// nested object's type is derived from its schema literal.
func objectTypeOf(attrs map[string]schema.Attribute) types.ObjectType {
	attrTypes := make(map[string]attr.Type, len(attrs))
	for name, a := range attrs {
		attrTypes[name] = a.GetType()
	}
	return types.ObjectType{AttrTypes: attrTypes}
}

// resolve turns the instance group into a table row (or a custom one).
func (m instanceModel) resolve() (ec2data.Instance, error) {
	var name *string
	if !m.InstanceType.IsNull() {
		name = m.InstanceType.ValueStringPointer()
	}
	var spec *sizing.InstanceSpec
	if m.Instance != nil {
		spec = &sizing.InstanceSpec{
			NetworkInterfaces:         int(m.Instance.NetworkInterfaces.ValueInt64()),
			IPv4AddressesPerInterface: int(m.Instance.IPv4AddressesPerInterface.ValueInt64()),
			VCPUs:                     intPtr(m.Instance.VCPUs),
			Hypervisor:                m.Instance.Hypervisor.ValueString(),
			BareMetal:                 m.Instance.BareMetal.ValueBool(),
			MemoryMiB:                 intPtr(m.Instance.MemorySize),
			Architecture:              m.Instance.Architecture.ValueString(),
		}
	}
	return sizing.ResolveInstance(name, spec)
}

// toCore turns the networking group into the core's settings; null means unset.
func (m networkingModel) toCore() sizing.Networking {
	return sizing.Networking{
		PrefixDelegation:      m.PrefixDelegation.ValueBool(),
		IPFamily:              m.IPFamily.ValueString(),
		CustomNetworking:      m.CustomNetworking.ValueBool(),
		SecurityGroupsForPods: m.SecurityGroupsForPods.ValueBool(),
		ReservedENIs:          clampInt(m.ReservedENIs.ValueInt64()),
		MaxENI:                intPtr(m.MaxENI),
		CNIVersion:            m.CNIVersion.ValueString(),
		OS:                    m.OS.ValueString(),
		CapPolicy:             m.CapPolicy.ValueString(),
		MaxPodsLimit:          intPtr(m.MaxPodsLimit),
		PodsPerCore:           intPtr(m.PodsPerCore),
	}
}

// clampLimit is 2^40 where int has 64 bits and 2^30 on the 32-bit platforms
// the release also builds for (386, arm).
const clampLimit = min(1<<40, math.MaxInt>>1+1)

// clampInt converts a Terraform number to int, saturating far outside any
// meaningful range so that the core's arithmetic cannot overflow. Data source
// inputs beyond the bound are rejected as typed before they get here
// (checkWholeNumbers); the bound still guards values from other paths.
func clampInt(v int64) int {
	switch {
	case v > clampLimit:
		return clampLimit
	case v < -clampLimit:
		return -clampLimit
	}
	return int(v)
}

func intPtr(v types.Int64) *int {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	i := clampInt(v.ValueInt64())
	return &i
}

func int64Ptr(v int, known bool) types.Int64 {
	if !known {
		return types.Int64Null()
	}
	return types.Int64Value(int64(v))
}

// fieldPath turns a core field name into an attribute path: names joined by
// dots, list indexes and map keys in brackets ("subnets[2].cidr_block",
// "eviction_hard[memory.available]"). Bracket contents are taken literally.
func fieldPath(field string) path.Path {
	var p path.Path
	started := false
	step := func(name string) {
		if name == "" {
			return
		}
		if !started {
			p, started = path.Root(name), true
		} else {
			p = p.AtName(name)
		}
	}
	for field != "" {
		i := strings.IndexAny(field, ".[")
		if i < 0 {
			step(field)
			break
		}
		step(field[:i])
		if field[i] == '.' {
			field = field[i+1:]
			continue
		}
		key, rest, ok := strings.Cut(field[i+1:], "]")
		if !ok {
			step(field[i:])
			break
		}
		if n, err := strconv.Atoi(key); err == nil {
			p = p.AtListIndex(n)
		} else {
			p = p.AtMapKey(key)
		}
		field = rest
	}
	return p
}

// addCoreError reports an error from the core: input errors go on the named
// attribute, anything else on the whole data source.
func addCoreError(diags *diag.Diagnostics, summary string, err error) {
	var ie *sizing.InputError
	if errors.As(err, &ie) && ie.Field != "" {
		diags.AddAttributeError(fieldPath(ie.Field), summary, ie.Msg)
		return
	}
	diags.AddError(summary, err.Error())
}

// addCoreWarnings reports the core's warnings on their attributes.
func addCoreWarnings(diags *diag.Diagnostics, warns []sizing.Warning) {
	for _, w := range warns {
		if w.Field != "" {
			diags.AddAttributeWarning(fieldPath(w.Field), w.Summary, w.Detail)
		} else {
			diags.AddWarning(w.Summary, w.Detail)
		}
	}
}

// batchInstance is one known element of a batch form's instance_types.
type batchInstance struct {
	index int
	name  string
	inst  ec2data.Instance
}

// batchInstances resolves the instance_types of a batch form (ekssize_max_pods,
// ekssize_node_config), for Read and for ValidateConfig alike: an empty list,
// a null element and a type the table lacks are errors on the list or the
// element; an element not known yet is skipped. ok is false when the list
// could not be read at all.
func batchInstances(ctx context.Context, list types.List, diags *diag.Diagnostics) (out []batchInstance, ok bool) {
	var names []types.String
	diags.Append(list.ElementsAs(ctx, &names, false)...)
	if diags.HasError() {
		return nil, false
	}
	if len(names) == 0 {
		diags.AddAttributeError(path.Root("instance_types"), "Invalid instance", "instance_types is empty; give at least one instance type")
		return nil, true
	}
	for i, name := range names {
		p := path.Root("instance_types").AtListIndex(i)
		switch {
		case name.IsUnknown():
			continue
		case name.IsNull():
			diags.AddAttributeError(p, "Invalid instance", "instance_types contains null; every element must be an instance type such as \"m5.large\"")
			continue
		}
		key := name.ValueString()
		inst, err := sizing.ResolveInstance(&key, nil)
		if err != nil {
			diags.AddAttributeError(p, "Unknown instance type", err.Error())
			continue
		}
		out = append(out, batchInstance{index: i, name: key, inst: inst})
	}
	return out, true
}
