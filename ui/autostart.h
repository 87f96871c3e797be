// SPDX-License-Identifier: MIT
// Autostart: start at login — XDG autostart on Linux, the Run key on Windows, a LaunchAgent on macOS.
#pragma once

#include <QString>

#include "common/expected.h"

class Autostart
{
public:
    static bool isEnabled();
    static Expected<bool, QString> setEnabled(bool enabled);
    /// Where the entry lives (the .desktop file, plist, or registry path).
    static QString location();
};
