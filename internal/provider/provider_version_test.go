package provider

import (
	"bytes"
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// TestProviderReportsVersion checks that the version injected at build time
// (main.version, -ldflags "-X main.version=...") reaches Terraform in the
// provider metadata and is logged, with the instance data version, when the
// provider is configured (visible with TF_LOG=INFO or TF_LOG_PROVIDER=INFO).
func TestProviderReportsVersion(t *testing.T) {
	t.Parallel()
	const version = "1.2.3"
	p := New(version)()

	meta := &provider.MetadataResponse{}
	p.Metadata(context.Background(), provider.MetadataRequest{}, meta)
	if meta.Version != version || meta.TypeName != TypeName {
		t.Errorf("metadata = %q %q, want %q %q", meta.TypeName, meta.Version, TypeName, version)
	}

	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	p.Configure(ctx, provider.ConfigureRequest{}, &provider.ConfigureResponse{})
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e["@message"] == "ekssize provider configured" {
			if e["@level"] != "info" || e["version"] != version || e["data_version"] != ec2data.DataVersion() {
				t.Errorf("configure log entry = %v, want level info, version %q, data_version %q", e, version, ec2data.DataVersion())
			}
			return
		}
	}
	t.Errorf("no \"ekssize provider configured\" log entry in %v", entries)
}
