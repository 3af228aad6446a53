package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// warmTargetsModel is the VPC CNI warm-pool attribute group, shared by every
// data source and function option object that asks how many IPs a node holds.
type warmTargetsModel struct {
	WarmENITarget    types.Int64 `tfsdk:"warm_eni_target"`
	WarmIPTarget     types.Int64 `tfsdk:"warm_ip_target"`
	MinimumIPTarget  types.Int64 `tfsdk:"minimum_ip_target"`
	WarmPrefixTarget types.Int64 `tfsdk:"warm_prefix_target"`
}

// warmTargetsAttributes is the schema of warmTargetsModel.
func warmTargetsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"warm_eni_target": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "VPC CNI `WARM_ENI_TARGET`: whole spare ENIs of secondary IPs each node keeps. Unset means 1 " +
				"(ipamd's default), which differs from 0 (no spare ENI: a new ENI only when the last IP is taken). Ignored with " +
				"`warm_ip_target`/`minimum_ip_target`, with prefix delegation and with `os = \"windows\"` (a warning). Must be 0 or more.",
		},
		"warm_ip_target": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "VPC CNI `WARM_IP_TARGET`: spare IPs each node keeps. When it or `minimum_ip_target` is non-zero " +
				"it replaces the warm ENI and warm prefix targets. Unset or 0 means no warm-IP target, as in ipamd. Must be 0 or more. " +
				"With `os = \"windows\"` it is the `amazon-vpc-cni` ConfigMap's `windows-warm-ip-target`, read as the VPC resource " +
				"controller v1.8.2 does: with secondary IPs an explicit 0 means 1, and with neither it nor `minimum_ip_target` set both are 3; " +
				"with prefix delegation an unset one of the two is 1 (warm) or 3 (minimum) unless `warm_prefix_target` alone is set. " +
				"The deprecated key `warm-ip-target`, which the VPC CNI manifest and Helm chart write as \"1\", wins over it: give the value " +
				"the controller reads.",
		},
		"minimum_ip_target": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "VPC CNI `MINIMUM_IP_TARGET`: IPs each node holds at least. Without `warm_ip_target` ipamd never " +
				"allocates beyond it, so more pods than that is an error. Unset or 0 means none. Must be 0 or more. With `os = \"windows\"` it " +
				"is `windows-minimum-ip-target`; alone, in secondary-IP mode, the controller's code (unlike its documentation) keeps no warm " +
				"IP either, so more pods than it is an error there too.",
		},
		"warm_prefix_target": schema.Int64Attribute{
			CustomType: wholeNumber,
			Optional:   true,
			MarkdownDescription: "VPC CNI `WARM_PREFIX_TARGET`: spare /28 prefixes each node keeps with prefix delegation. Unset means " +
				"1, what the VPC CNI manifest, Helm chart and EKS add-on set; 0 adds a prefix only when the last IP is taken. Must be 0 or more. " +
				"With `os = \"windows\"` it is `windows-warm-prefix-target`: unset means 0, it applies only with prefix delegation and " +
				"neither warm-IP setting, and the controller keeps that many wholly free prefixes.",
		},
	}
}

// toCore turns the warm-pool group into the core's settings; null means unset.
func (m warmTargetsModel) toCore() sizing.WarmTargets {
	return sizing.WarmTargets{
		WarmENITarget:    intPtr(m.WarmENITarget),
		WarmIPTarget:     intPtr(m.WarmIPTarget),
		MinimumIPTarget:  intPtr(m.MinimumIPTarget),
		WarmPrefixTarget: intPtr(m.WarmPrefixTarget),
	}
}
