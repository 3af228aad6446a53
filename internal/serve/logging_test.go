package serve

import (
	"os"
	"testing"
)

func TestQuietSDKLogs(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"nothing set", nil, "off"},
		{"core logs only", map[string]string{"TF_LOG_CORE": "trace", "TF_LOG_PATH": "/tmp/tf.log"}, "off"},
		{"TF_LOG", map[string]string{"TF_LOG": "debug"}, ""},
		{"TF_LOG_PROVIDER", map[string]string{"TF_LOG_PROVIDER": "trace"}, ""},
		{"provider-specific", map[string]string{"TF_LOG_PROVIDER_EKSSIZE": "info"}, ""},
		{"SDK level chosen", map[string]string{"TF_LOG_SDK_FRAMEWORK": "trace"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range []string{"TF_LOG", "TF_LOG_CORE", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_EKSSIZE", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK"} {
				t.Setenv(name, tt.env[name])
			}
			if quiet := QuietSDKLogs(); quiet != (tt.want == "off") {
				t.Errorf("QuietSDKLogs() = %v", quiet)
			}
			if got := os.Getenv("TF_LOG_SDK"); got != tt.want {
				t.Errorf("TF_LOG_SDK = %q, want %q", got, tt.want)
			}
		})
	}
}
