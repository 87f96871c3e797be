// SPDX-License-Identifier: MIT
// UiUpdate: how often live views follow the proxy under load (issue 12: the UI must not repaint per request).
#pragma once

#include <QObject>
#include <QTimer>

namespace UiUpdate {
/// Per-request signals are collected and shown together: a single-shot timer started by the first change, so the
/// first change shows within this time and a busy proxy updates a view at most 1000 / kIntervalMs times a second.
inline constexpr int kIntervalMs = 250;

/// One view's pending changes: schedule() after each change; `flush` runs once kIntervalMs after the first of them,
/// and never while the view is not live (hidden): the caller flushes what waited when it is live again.
class Batch
{
public:
    template<typename Flush>
    Batch(QObject *owner, Flush flush)
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(kIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, owner, flush);
    }
    void schedule()
    {
        if (m_live && !m_timer.isActive())
            m_timer.start();
    }
    void cancel() { m_timer.stop(); }
    /// True when the view just became live (flush now).
    bool setLive(bool live)
    {
        if (live == m_live)
            return false;
        m_live = live;
        if (!live)
            m_timer.stop();
        return live;
    }
    bool isLive() const { return m_live; }

private:
    QTimer m_timer;
    bool m_live = true;
};
} // namespace UiUpdate
