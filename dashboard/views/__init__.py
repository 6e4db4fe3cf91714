"""Dashboard pages. Each module has one `render(frame, filtered, filters)` function."""
