// SPDX-License-Identifier: MIT
// UiUpdate: how often live views follow the proxy under load (issue 12: the UI must not repaint per request).
#pragma once

namespace UiUpdate {
/// Per-request signals are collected and shown together: a single-shot timer started by the first change, so the
/// first change shows within this time and a busy proxy updates a view at most 1000 / kIntervalMs times a second.
inline constexpr int kIntervalMs = 250;
} // namespace UiUpdate
