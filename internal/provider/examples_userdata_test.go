package provider

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"gopkg.in/yaml.v3"
)

// The user-data examples (examples/user-data/...) are applied by
// TestAccExamples like every example, and their rendered user data is then
// read back the way the node reads it: AL2023's nodeadm takes the NodeConfig
// parts out of a MIME multipart document, Bottlerocket reads the whole user
// data as TOML.

// nodeConfigMediaType is the content type of the MIME parts nodeadm reads.
const nodeConfigMediaType = "application/node.eks.aws"

// mimePart is one part of a multipart user data document.
type mimePart struct {
	mediaType string
	body      []byte
}

// decodeUserData undoes what a launch template's user data may carry, as
// nodeadm does (nodeadm/internal/configprovider, amazon-eks-ami commit
// 81fec2e8): base64 when the whole text decodes as standard base64, then
// gzip when the data starts with the gzip magic number.
func decodeUserData(data []byte) ([]byte, error) {
	if dec, err := base64.StdEncoding.DecodeString(string(data)); err == nil {
		data = dec
	}
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return io.ReadAll(zr)
	}
	return data, nil
}

// multipartUserData parses user data as nodeadm does: decoded as above, read
// as an RFC 5322 message whose Content-Type must be multipart/* with a
// boundary, then split with mime/multipart. Each part's body is decoded
// (base64, gzip) the same way. An error means nodeadm would not see a MIME
// document and would try to read the whole user data as one NodeConfig.
func multipartUserData(userData []byte) ([]mimePart, error) {
	data, err := decodeUserData(userData)
	if err != nil {
		return nil, err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a MIME message: %w", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("Content-Type %q: %w", msg.Header.Get("Content-Type"), err)
	}
	if !strings.HasPrefix(mediaType, "multipart/") {
		return nil, fmt.Errorf("Content-Type %q is not multipart", mediaType)
	}
	if msg.Header.Get("MIME-Version") != "1.0" {
		return nil, fmt.Errorf("MIME-Version %q, want 1.0", msg.Header.Get("MIME-Version"))
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var parts []mimePart
	for {
		p, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("part %d: %w", len(parts)+1, err)
		}
		mt, _, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if err != nil {
			return nil, fmt.Errorf("part %d Content-Type %q: %w", len(parts)+1, p.Header.Get("Content-Type"), err)
		}
		body, err := io.ReadAll(p)
		if err != nil {
			return nil, fmt.Errorf("part %d: %w", len(parts)+1, err)
		}
		if mt == nodeConfigMediaType {
			if body, err = decodeUserData(body); err != nil {
				return nil, fmt.Errorf("part %d: %w", len(parts)+1, err)
			}
		}
		parts = append(parts, mimePart{mediaType: mt, body: body})
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("no parts")
	}
	return parts, nil
}

// nodeConfig is the part of nodeadm's NodeConfig (node.eks.aws/v1alpha1) the
// provider writes; decoding is strict, so a misspelt field fails.
type nodeConfig struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Spec       struct {
		Cluster map[string]string `yaml:"cluster"`
		Kubelet struct {
			Config struct {
				MaxPods        int               `yaml:"maxPods"`
				KubeReserved   map[string]string `yaml:"kubeReserved"`
				SystemReserved map[string]string `yaml:"systemReserved"`
				EvictionHard   map[string]string `yaml:"evictionHard"`
			} `yaml:"config"`
		} `yaml:"kubelet"`
	} `yaml:"spec"`
}

func decodeNodeConfig(b []byte) (nodeConfig, error) {
	var nc nodeConfig
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&nc); err != nil {
		return nc, err
	}
	if nc.APIVersion != "node.eks.aws/v1alpha1" || nc.Kind != "NodeConfig" {
		return nc, fmt.Errorf("apiVersion %q kind %q, want node.eks.aws/v1alpha1 NodeConfig", nc.APIVersion, nc.Kind)
	}
	return nc, nil
}

// checkNodeadmDocument checks the AL2023 example's document: a shell script
// part, then the NodeConfig part equal to nodeadm_config, and the NodeConfig
// values of m5.large with prefix delegation.
func checkNodeadmDocument(userData, nodeadmConfig string) error {
	parts, err := multipartUserData([]byte(userData))
	if err != nil {
		return err
	}
	var types []string
	for _, p := range parts {
		types = append(types, p.mediaType)
	}
	if got, want := strings.Join(types, ","), "text/x-shellscript,"+nodeConfigMediaType; got != want {
		return fmt.Errorf("part content types %s, want %s", got, want)
	}
	if got := string(parts[1].body); got != nodeadmConfig {
		return fmt.Errorf("NodeConfig part differs from nodeadm_config:\n%s\nwant\n%s", got, nodeadmConfig)
	}
	nc, err := decodeNodeConfig(parts[1].body)
	if err != nil {
		return fmt.Errorf("NodeConfig part: %w", err)
	}
	c := nc.Spec.Kubelet.Config
	got := fmt.Sprintf("maxPods=%d kubeReserved=%v systemReserved=%v evictionHard=%v", c.MaxPods, c.KubeReserved, c.SystemReserved, c.EvictionHard)
	want := "maxPods=110 kubeReserved=map[cpu:70m ephemeral-storage:1Gi memory:574Mi] systemReserved=map[cpu:100m memory:200Mi] " +
		"evictionHard=map[memory.available:5% nodefs.available:10% nodefs.inodesFree:5%]"
	if got != want {
		return fmt.Errorf("NodeConfig as nodeadm reads it:\n got %s\nwant %s", got, want)
	}
	return nil
}

// decodeBottlerocket reads TOML user data as Bottlerocket does and returns
// its [settings.kubernetes] table; the examples write nothing else.
func decodeBottlerocket(doc string) (map[string]any, error) {
	var top map[string]any
	if _, err := toml.Decode(doc, &top); err != nil {
		return nil, err
	}
	settings, _ := top["settings"].(map[string]any)
	if len(top) != 1 || len(settings) != 1 {
		return nil, fmt.Errorf("settings outside settings.kubernetes: %v", top)
	}
	k, ok := settings["kubernetes"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no [settings.kubernetes] table")
	}
	return k, nil
}

// checkBottlerocketDocument checks the Bottlerocket example: the user data is
// plain TOML (not MIME) with the cluster and kubelet settings, and the dotted
// keys for terraform-aws-eks bootstrap_extra_args are valid inside the table
// its Bottlerocket template writes.
func checkBottlerocketDocument(userDataB64, extraArgs string) error {
	raw, err := base64.StdEncoding.DecodeString(userDataB64)
	if err != nil {
		return fmt.Errorf("user_data is not base64: %w", err)
	}
	if _, err := multipartUserData(raw); err == nil {
		return fmt.Errorf("Bottlerocket user data parses as a MIME document; it must be plain TOML")
	}
	k, err := decodeBottlerocket(string(raw))
	if err != nil {
		return fmt.Errorf("user data is not TOML Bottlerocket reads: %w\n%s", err, raw)
	}
	// m6g.xlarge: 4 ENIs x (15 - 1) x 16 + 2 = 898 with prefix delegation,
	// capped at 110 (4 vCPUs); kube-reserved memory 11 x 110 + 255 = 1465Mi.
	got := fmt.Sprintf("%v", k)
	want := "map[api-server:https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com cluster-certificate:LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t " +
		"cluster-dns-ip:10.100.0.10 cluster-name:demo kube-reserved:map[cpu:80m ephemeral-storage:1Gi memory:1465Mi] max-pods:110 " +
		"node-labels:map[example.com/pool:bottlerocket]]"
	if got != want {
		return fmt.Errorf("settings.kubernetes as Bottlerocket reads it:\n got %s\nwant %s", got, want)
	}
	// terraform-aws-eks (templates/bottlerocket_user_data.tpl, v21.19.0)
	// writes [settings.kubernetes] with the cluster keys, then
	// bootstrap_extra_args on the next line.
	module := "[settings.kubernetes]\n\"cluster-name\" = \"demo\"\n\"api-server\" = \"https://example.com\"\n" +
		"\"cluster-certificate\" = \"Q0E=\"\n\"cluster-dns-ip\" = [\"10.100.0.10\"]\n" + extraArgs
	k, err = decodeBottlerocket(module)
	if err != nil {
		return fmt.Errorf("bootstrap_extra_args inside terraform-aws-eks's [settings.kubernetes] is not TOML: %w\n%s", err, module)
	}
	if got := fmt.Sprintf("max-pods=%v kube-reserved=%v", k["max-pods"], k["kube-reserved"]); got != "max-pods=110 kube-reserved=map[cpu:80m ephemeral-storage:1Gi memory:1465Mi]" {
		return fmt.Errorf("bootstrap_extra_args as Bottlerocket reads it: %s", got)
	}
	return nil
}

// checkTerraformAWSEKSGuide checks the values the guide "Wiring into
// terraform-aws-eks" hands to the module: the add-on configuration, and both
// Bottlerocket forms as the module's template places them (the whole user data
// for a managed group with an EKS AMI; inside its [settings.kubernetes] for
// self-managed groups).
func checkTerraformAWSEKSGuide(o map[string]string) error {
	if got, want := o["vpc_cni_configuration_values"], `{"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"1"}}`; got != want {
		return fmt.Errorf("vpc_cni_configuration_values %s, want %s", got, want)
	}
	const want = "max-pods=110 kube-reserved=map[cpu:80m ephemeral-storage:1Gi memory:1465Mi]"
	for name, doc := range map[string]string{
		"managed":      o["bottlerocket_bootstrap_extra_args_managed"],
		"self_managed": "[settings.kubernetes]\n\"cluster-name\" = \"demo\"\n" + o["bottlerocket_bootstrap_extra_args_self_managed"],
	} {
		k, err := decodeBottlerocket(doc)
		if err != nil {
			return fmt.Errorf("bottlerocket_bootstrap_extra_args_%s as the module places it is not TOML: %w\n%s", name, err, doc)
		}
		if got := fmt.Sprintf("max-pods=%v kube-reserved=%v", k["max-pods"], k["kube-reserved"]); got != want {
			return fmt.Errorf("bottlerocket_bootstrap_extra_args_%s: %s, want %s", name, got, want)
		}
	}
	return nil
}

// exampleChecks are the extra checks of some examples, run after apply.
var exampleChecks = map[string]func(outputs map[string]string) error{
	"guides/terraform-aws-eks": checkTerraformAWSEKSGuide,
	// The worked figures in the example's comments.
	"guides/windows-mixed-cluster": func(o map[string]string) error {
		for name, want := range map[string]string{
			"groups":            "system: linux, 49 per node, windows: windows, 49 per node",
			"headroom_per_zone": "eu-west-1a 256, eu-west-1b 256, eu-west-1c 256",
		} {
			if o[name] != want {
				return fmt.Errorf("output %s is %q, want %q", name, o[name], want)
			}
		}
		return nil
	},
	"user-data/al2023-nodeadm": func(o map[string]string) error { return checkNodeadmDocument(o["user_data"], o["nodeadm_config"]) },
	"user-data/bottlerocket": func(o map[string]string) error {
		return checkBottlerocketDocument(o["user_data"], o["bootstrap_extra_args"])
	},
}

// outputsCheck runs check on the root module's string outputs.
func outputsCheck(check func(map[string]string) error) func(*terraform.State) error {
	return func(s *terraform.State) error {
		outs := map[string]string{}
		for name, o := range s.RootModule().Outputs {
			if v, ok := o.Value.(string); ok {
				outs[name] = v
			}
		}
		return check(outs)
	}
}

// TestCloudinitDocumentAsNodeadmReadsIt reads back the document the real
// cloudinit provider rendered from examples/user-data/al2023-nodeadm
// (testdata/userdata/README.md says how it was produced) the way nodeadm
// does, and checks that its NodeConfig part is byte for byte the
// nodeadm_config this provider renders today for the example's inputs. This
// runs everywhere; TestAccExamples applies the example itself where a
// cloudinit build is available.
func TestCloudinitDocumentAsNodeadmReadsIt(t *testing.T) {
	rendered, err := os.ReadFile(filepath.Join("testdata", "userdata", "al2023-nodeadm.rendered.b64"))
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			// The inputs of examples/user-data/al2023-nodeadm.
			Config: `
data "ekssize_node_config" "workers" {
  instance_type     = "m5.large"
  prefix_delegation = true
  system_reserved   = { cpu = "100m", memory = "200Mi" }
  eviction_hard     = { "memory.available" = "5%" }
}
output "nodeadm_config" {
  value     = data.ekssize_node_config.workers.nodeadm_config
  sensitive = true
}`,
			Check: outputsCheck(func(o map[string]string) error {
				if err := checkNodeadmDocument(strings.TrimSpace(string(rendered)), o["nodeadm_config"]); err != nil {
					return fmt.Errorf("cloudinit's document for examples/user-data/al2023-nodeadm: %w\n"+
						"(if the rendering changed on purpose, see testdata/userdata/README.md)", err)
				}
				return nil
			}),
		}},
	})
}

// TestUserDataParsers checks the nodeadm-style reader on hand-made documents:
// what it must accept (base64 and gzip layers, any boundary) and reject.
func TestUserDataParsers(t *testing.T) {
	t.Parallel()
	doc := "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"//\"\r\n\r\n" +
		"--//\r\nContent-Type: application/node.eks.aws\r\n\r\nkind: NodeConfig\r\n--//--\r\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(doc))
	_ = zw.Close()
	for name, in := range map[string]string{
		"plain":       doc,
		"base64":      base64.StdEncoding.EncodeToString([]byte(doc)),
		"gzip+base64": base64.StdEncoding.EncodeToString(gz.Bytes()),
	} {
		parts, err := multipartUserData([]byte(in))
		if err != nil || len(parts) != 1 || parts[0].mediaType != nodeConfigMediaType || string(parts[0].body) != "kind: NodeConfig" {
			t.Errorf("%s: parts %+v, error %v", name, parts, err)
		}
	}
	for name, in := range map[string]string{
		"not MIME":          "[settings.kubernetes]\nmax-pods = 29\n",
		"not multipart":     "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n",
		"no MIME-Version":   "Content-Type: multipart/mixed; boundary=\"//\"\r\n\r\n--//\r\nContent-Type: text/plain\r\n\r\nx\r\n--//--\r\n",
		"no closing parts":  "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"//\"\r\n\r\n--XX\r\n",
		"bad part type":     "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"//\"\r\n\r\n--//\r\nContent-Type: ;;\r\n\r\nx\r\n--//--\r\n",
		"bad outer type":    "MIME-Version: 1.0\r\nContent-Type: ;;\r\n\r\nx\r\n",
		"empty multipart":   "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"//\"\r\n\r\n--//--\r\n",
		"gzip magic, no gz": "\x1f\x8bnot gzip",
	} {
		if parts, err := multipartUserData([]byte(in)); err == nil {
			t.Errorf("%s: accepted, parts %+v", name, parts)
		}
	}
	if _, err := decodeNodeConfig([]byte("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPod: 3\n")); err == nil {
		t.Error("a misspelt NodeConfig field was accepted")
	}
	if _, err := decodeBottlerocket("[settings.kubernetes]\nmax-pods = 29\n[settings.kubernetes]\nmax-pods = 30\n"); err == nil {
		t.Error("a TOML document writing [settings.kubernetes] twice was accepted; Bottlerocket rejects it")
	}
}
