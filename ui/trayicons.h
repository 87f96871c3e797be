// SPDX-License-Identifier: MIT
// TrayIcons: the app and tray state icons, painted so they read on light and dark panels.
#pragma once

#include <QColor>
#include <QIcon>

class TrayIcons
{
public:
    enum class State { Normal, Degraded, Unavailable, Paused };
    /// Painted once per state and then shared: the same state always gives the same icon (same cacheKey()).
    static QIcon icon(State state);
    static QIcon appIcon();
    static QColor color(State state);
};
