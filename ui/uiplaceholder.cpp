// SPDX-License-Identifier: MIT
// Keeps kiro_ui non-empty until the first widget lands.
namespace {
[[maybe_unused]] constexpr int kUiLibrary = 1;
}
