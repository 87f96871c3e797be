// SPDX-License-Identifier: MIT
// RequestChart: requests per hour over the last 24 hours, painted with QPainter.
#pragma once

#include <QList>
#include <QWidget>

class RequestChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestChart)
public:
    explicit RequestChart(QWidget *parent = nullptr);
    void setCounts(const QList<int> &perHour);
    QSize sizeHint() const override { return {360, 120}; }
    QSize minimumSizeHint() const override { return {200, 80}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<int> m_counts;
};
