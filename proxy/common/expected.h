// SPDX-License-Identifier: MIT
// Expected<T, E>: the small result type that fallible synchronous calls return (a value or an error).
#pragma once

#include <optional>
#include <utility>

#include <QString>

template<typename T, typename E = QString>
class Expected
{
public:
    Expected(T value)
        : m_value(std::move(value))
    {}
    static Expected failure(E error)
    {
        Expected e;
        e.m_error = std::move(error);
        return e;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const { return *m_value; }

    const E &error() const { return *m_error; }

private:
    Expected() = default;
    std::optional<T> m_value;
    std::optional<E> m_error;
};
