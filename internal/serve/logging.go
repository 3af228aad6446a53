package serve

import (
	"os"
	"strings"
)

// QuietSDKLogs turns off the framework's and terraform-plugin-go's own logs
// (TF_LOG_SDK=off) when Terraform would throw them away anyway.
//
// It works around https://github.com/hashicorp/terraform-plugin-framework/issues/1269
// ("SDK Framework logs are produced even if not requested"); delete it, and
// check with `BENCH_ABLATE=1 make bench` (variant d@noserve), once that is fixed.
//
// With no level set, those SDK loggers log at TRACE: every data source read
// writes about a hundred JSON lines to stderr ("Calling provider defined Type
// Validate" for each number attribute, and so on), which Terraform's plugin
// client reads, decodes and then drops unless TF_LOG or TF_LOG_PROVIDER asks for
// provider logs. Terraform passes its environment to the provider, so when no
// TF_LOG* variable that shows provider logs is set, nobody can see these lines.
// Measured (BENCHMARKS.md), producing and discarding them was about half of
// the CPU time a plan spends per ekssize_max_pods read. Any log setting
// restores the framework's default behaviour. It reports whether it quietened
// the logs.
func QuietSDKLogs() bool {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if value == "" {
			continue
		}
		// TF_LOG_CORE and TF_LOG_PATH alone do not show provider logs.
		if strings.HasPrefix(name, "TF_LOG") && name != "TF_LOG_CORE" && name != "TF_LOG_PATH" {
			return false
		}
	}
	_ = os.Setenv("TF_LOG_SDK", "off")
	return true
}
