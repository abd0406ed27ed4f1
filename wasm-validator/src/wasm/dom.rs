//! The only module that names `web_sys`: a narrow set of DOM operations for the pages' controllers.
//!
//! Text only ever reaches the page through `textContent`, `value` or attributes, never as HTML. A
//! failing DOM call (an element the page lacks, a storage quota) is ignored or reported as `None`:
//! the form degrades, it never stops the page.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    BeforeUnloadEvent, Blob, BlobPropertyBag, Document, FileReader, FormData, HtmlElement,
    HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTemplateElement, HtmlTextAreaElement,
    StorageEvent, Url,
};

use crate::form::drafts::Chosen;
use crate::form::export::LocalTime;

pub type Element = web_sys::Element;
pub type Event = web_sys::Event;

thread_local! {
    /// The page's document, looked up once: every `by_id` would otherwise cross into JavaScript
    /// twice more to find it.
    static DOCUMENT: Option<Document> = web_sys::window().and_then(|w| w.document());
}

fn document() -> Option<Document> {
    DOCUMENT.with(Clone::clone)
}

pub fn by_id(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
}

/// The elements `ids` (from `crate::form::contract`), looked up once when a page is wired; `None`,
/// with the missing id said in the console, when the page lacks one: a template that breaks the
/// contract shows « chargement » and says why, instead of a form that half works.
pub fn resolve<const N: usize>(ids: [&str; N]) -> Option<[Element; N]> {
    let found: Vec<Element> = ids
        .iter()
        .map_while(|id| {
            let el = by_id(id);
            if el.is_none() {
                let message = format!(
                    "EXPLOR : la page n’a pas d’élément id=\"{id}\" ; le formulaire ne peut pas démarrer \
                     (gabarit à corriger, voir crate::form::contract)."
                );
                web_sys::console::error_1(&JsValue::from_str(&message));
            }
            el
        })
        .collect();
    found.try_into().ok()
}

/// The first element matching `selector` inside `root`.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Every element matching `selector` inside `root` (the root itself excluded), in document order.
pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

pub fn closest(el: &Element, selector: &str) -> Option<Element> {
    el.closest(selector).ok().flatten()
}

pub fn set_text(el: &Element, text: &str) {
    el.set_text_content(Some(text));
}

pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

pub fn set_attr(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

pub fn remove_attr(el: &Element, name: &str) {
    let _ = el.remove_attribute(name);
}

/// Sets a boolean attribute (`hidden`, `disabled`) on or off.
pub fn set_flag(el: &Element, name: &str, on: bool) {
    if on {
        set_attr(el, name, "");
    } else {
        remove_attr(el, name);
    }
}

pub fn set_hidden(el: &Element, hidden: bool) {
    set_flag(el, "hidden", hidden);
}

pub fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// Scrolls the page so that the top of `el` is at the top of the screen (a tall error summary
/// focused would otherwise show its middle).
pub fn scroll_to_top(el: &Element) {
    el.scroll_into_view_with_bool(true);
}

/// The page's title (`document.title`).
pub fn title() -> String {
    document().map(|d| d.title()).unwrap_or_default()
}

pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

pub fn tag(el: &Element) -> String {
    el.tag_name().to_ascii_lowercase()
}

/// A new element of `tag_name` holding `text` as text.
pub fn create(tag_name: &str, text: &str) -> Option<Element> {
    let el = document()?.create_element(tag_name).ok()?;
    if !text.is_empty() {
        set_text(&el, text);
    }
    Some(el)
}

pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

pub fn remove(el: &Element) {
    el.remove();
}

pub fn clear(el: &Element) {
    el.set_text_content(None);
}

/// A deep copy of the first element of the `<template id=…>`'s content.
pub fn clone_template(id: &str) -> Option<Element> {
    let template = by_id(id)?.dyn_into::<HtmlTemplateElement>().ok()?;
    let node = template
        .content()
        .first_element_child()?
        .clone_node_with_deep(true)
        .ok()?;
    node.dyn_into::<Element>().ok()
}

/// The text of a control (`input`, `select`, `textarea`), `None` for any other element.
pub fn value(el: &Element) -> Option<String> {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        Some(i.value())
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        Some(s.value())
    } else {
        el.dyn_ref::<HtmlTextAreaElement>().map(|t| t.value())
    }
}

/// Puts into the control `el` the answers `values` given under its name: a tick box or a radio
/// button is ticked when its own value is among them, any other control takes the first (empty when
/// there is none). One type check per control, where asking `is_choice`, `value` and `set_value` in
/// turn crosses into JavaScript up to eight times.
pub fn set_answer(el: &Element, values: &[&str]) {
    let first = values.first().copied().unwrap_or("");
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        if matches!(input.type_().as_str(), "checkbox" | "radio") {
            input.set_checked(values.contains(&input.value().as_str()));
        } else {
            input.set_value(first);
        }
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.set_value(first);
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(first);
    }
}

/// The values `form` would submit under `name`, as [`form_pairs`] reads them (enabled controls,
/// ticked ones only among tick boxes and radio buttons), without reading the whole form.
pub fn answers(form: &Element, name: &str) -> Vec<String> {
    let mut values = Vec::new();
    for control in find_all(form, &format!("[name=\"{name}\"]")) {
        // `:disabled` also covers a control inside a disabled `<fieldset>`, as the form sees it.
        if control.matches(":disabled").unwrap_or(true) {
            continue;
        }
        if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
            let kind = input.type_();
            if matches!(kind.as_str(), "checkbox" | "radio") && !input.checked() {
                continue;
            }
            if !matches!(
                kind.as_str(),
                "file" | "button" | "submit" | "reset" | "image"
            ) {
                values.push(input.value());
            }
        } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
            values.push(select.value());
        } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
            values.push(area.value());
        }
    }
    values
}

/// Runs `task` once, in a task of its own after the current one, so that the page can show what
/// the current one did first (and no single task blocks the page for long).
pub fn soon(task: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::once_into_js(task);
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 0);
}

/// Whether `el` is a tick box or a radio button.
pub fn is_choice(el: &Element) -> bool {
    el.dyn_ref::<HtmlInputElement>()
        .is_some_and(|i| matches!(i.type_().as_str(), "checkbox" | "radio"))
}

pub fn is_checked(el: &Element) -> bool {
    el.dyn_ref::<HtmlInputElement>()
        .is_some_and(|i| i.checked())
}

/// The visible text of the selected option of a `<select>`.
pub fn selected_text(el: &Element) -> Option<String> {
    let select = el.dyn_ref::<HtmlSelectElement>()?;
    let option = select.selected_options().item(0)?;
    Some(text(&option))
}

/// The `(name, value)` pairs the form would submit (ticked boxes only, enabled controls only, no
/// files), in document order.
pub fn form_pairs(form: &Element) -> Vec<(String, String)> {
    let Some(form) = form.dyn_ref::<HtmlFormElement>() else {
        return Vec::new();
    };
    let Ok(data) = FormData::new_with_form(form) else {
        return Vec::new();
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let entry: Array = entry.dyn_into().ok()?;
            Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
        })
        .collect()
}

/// Calls `handler` with every event of `kind` on `target`, for the life of the page.
pub fn on(target: &Element, kind: &str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Calls `handler` with every event of `kind` on the window, for the life of the page.
fn on_window(kind: &str, handler: impl FnMut(Event) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = window.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The element an event happened on.
pub fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

pub fn prevent_default(event: &Event) {
    event.prevent_default();
}

/// Asks the browser to warn before leaving the page while `unsaved` says so.
pub fn warn_before_leaving(unsaved: impl Fn() -> bool + 'static) {
    on_window("beforeunload", move |event| {
        if unsaved() {
            event.prevent_default();
            if let Some(e) = event.dyn_ref::<BeforeUnloadEvent>() {
                e.set_return_value("unsaved");
            }
        }
    });
}

/// Calls `handler(new_value)` when another tab changes the stored item `key`.
pub fn on_storage_change(key: String, mut handler: impl FnMut(Option<String>) + 'static) {
    on_window("storage", move |event| {
        if let Some(e) = event.dyn_ref::<StorageEvent>() {
            if e.key().as_deref() == Some(key.as_str()) {
                handler(e.new_value());
            }
        }
    });
}

/// Calls `handler` just before the page is printed (also from the browser's own menu).
pub fn on_before_print(mut handler: impl FnMut() + 'static) {
    on_window("beforeprint", move |_| handler());
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; `false` when the browser refuses (private mode, full quota).
pub fn store(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn unstore(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Offers `text` for download as the file `file_name`; `false` if the browser refused.
pub fn download(file_name: &str, text: &str) -> bool {
    download_typed(file_name, text, "application/json")
}

/// Offers `text` for download as the file `file_name` of type `mime` (the staff page's CSV); `false`
/// if the browser refused.
pub fn download_typed(file_name: &str, text: &str, mime: &str) -> bool {
    let saved = || -> Option<()> {
        let parts = Array::of1(&JsValue::from_str(text));
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = Url::create_object_url_with_blob(&blob).ok()?;
        let link = document()?.create_element("a").ok()?;
        set_attr(&link, "href", &url);
        set_attr(&link, "download", file_name);
        link.dyn_ref::<HtmlElement>()?.click();
        let _ = Url::revoke_object_url(&url);
        Some(())
    };
    saved().is_some()
}

/// Reads the file chosen in the file input `input` and calls `done` with its bytes, with its size
/// alone when it is larger than `limit` bytes, or with `None` when there is no file or it cannot be
/// read. Empties the input so the same file can be chosen again.
#[expect(
    clippy::disallowed_methods,
    reason = "a file's size is a JavaScript number: converted here to bytes, once"
)]
pub fn read_chosen_file(
    input: &Element,
    limit: usize,
    done: impl FnOnce(Option<Chosen>) + 'static,
) {
    let Some(input) = input.dyn_ref::<HtmlInputElement>() else {
        return done(None);
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return done(None);
    };
    // A file chosen by mistake (a video) is refused by its size: read whole, it would be copied
    // into the module's memory, which never shrinks and would run out. The File API gives the size
    // as a JavaScript number (an integer below 2^53); it is no amount of money.
    let size = file.size() as usize;
    let too_large = size > limit;
    // Nothing of a file too large is read, but it still goes through the reader, so that `done`
    // always runs after the event that chose the file has been handled (no handler re-entered).
    let (Ok(reader), Ok(nothing)) = (FileReader::new(), file.slice_with_i32_and_i32(0, 0)) else {
        return done(None);
    };
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = {
        let reader = reader.clone();
        let done = done.clone();
        move |_: Event| {
            let chosen = match too_large {
                true => Some(Chosen::TooLarge(size)),
                false => reader
                    .result()
                    .ok()
                    .map(|buffer| Chosen::Bytes(Uint8Array::new(&buffer).to_vec())),
            };
            if let Some(done) = done.borrow_mut().take() {
                done(chosen);
            }
        }
    };
    let closure = Closure::<dyn FnMut(Event)>::new(finish);
    reader.set_onloadend(Some(closure.as_ref().unchecked_ref()));
    closure.forget();
    let read = if too_large { &nothing } else { &file };
    if reader.read_as_array_buffer(read).is_err() {
        if let Some(done) = done.borrow_mut().take() {
            done(None);
        }
    }
    input.set_value("");
}

pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The browser's clock: milliseconds since the Unix epoch.
#[expect(
    clippy::disallowed_methods,
    reason = "the clock is a JavaScript number: converted here to whole milliseconds, once"
)]
pub fn now_ms() -> i64 {
    // Whole milliseconds of a JavaScript number: a cast, not arithmetic (NaN would become 0).
    js_sys::Date::now() as i64
}

/// The browser's clock, read in the browser's own time zone.
#[expect(
    clippy::disallowed_methods,
    reason = "the zone's offset is a JavaScript number: converted here to whole minutes, once"
)]
pub fn local_time() -> LocalTime {
    let now = js_sys::Date::new_0();
    LocalTime {
        year: now.get_full_year() as i32,
        month: now.get_month() + 1,
        day: now.get_date(),
        hour: now.get_hours(),
        minute: now.get_minutes(),
        second: now.get_seconds(),
        offset_minutes: -(now.get_timezone_offset() as i32),
    }
}

/// Today's date in the IANA time zone `zone` (whatever the browser's own zone), as `YYYY-MM-DD`
/// parts; `None` if the browser does not know the zone.
pub fn today_in(zone: &str) -> Option<(i16, i8, i8)> {
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("calendar", "gregory"),
        ("numberingSystem", "latn"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let locales = Array::of1(&JsValue::from_str("en-US"));
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let parts = format.format_to_parts(&js_sys::Date::new_0());
    let part = |kind: &str| -> Option<i64> {
        parts.iter().find_map(|p| {
            let found = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
            if found != kind {
                return None;
            }
            Reflect::get(&p, &"value".into())
                .ok()?
                .as_string()?
                .parse()
                .ok()
        })
    };
    let year = i16::try_from(part("year")?).ok()?;
    let month = i8::try_from(part("month")?).ok()?;
    let day = i8::try_from(part("day")?).ok()?;
    Some((year, month, day))
}

/// Shows the markup `html` inside `el`. Only for the core's readable sheets (`crate::sheet`), which
/// `crate::html` builds escaping every text it did not write itself: the one place a page receives
/// markup rather than text.
pub fn show_sheet(el: &Element, html: &str) {
    el.set_inner_html(html);
}

/// Calls `handler` just after the page was printed (or printing was cancelled).
pub fn on_after_print(mut handler: impl FnMut() + 'static) {
    on_window("afterprint", move |_| handler());
}

fn navigator() -> Option<JsValue> {
    let window: JsValue = web_sys::window()?.into();
    Reflect::get(&window, &"navigator".into()).ok()
}

/// The method `name` of `target`, if it has one (the Web Share and Clipboard APIs are read this way:
/// web-sys has them only behind its unstable flag, and a browser may lack them).
fn method(target: &JsValue, name: &str) -> Option<js_sys::Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into().ok()
}

/// The share data `{ files: [file] }` of a file `name` of type `mime` holding `text`, when the
/// browser says it can share it (`navigator.canShare`); `None` otherwise (most desktop browsers,
/// and Chrome on Android for a JSON file).
pub fn shareable_file(name: &str, mime: &str, text: &str) -> Option<ShareData> {
    let nav = navigator()?;
    let can = method(&nav, "canShare")?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()?;
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(&file)).ok()?;
    can.call1(&nav, &data).ok()?.as_bool()?.then_some(data)
}

/// What a share sheet is opened with (`navigator.share`'s argument).
pub type ShareData = Object;

/// Empty share data, for sharing text alone.
pub fn share_data() -> ShareData {
    Object::new()
}

/// Whether the browser has the Web Share API at all (sharing text).
pub fn can_share() -> bool {
    navigator().and_then(|n| method(&n, "share")).is_some()
}

/// Opens the share sheet with `data` and the `fields` (`title`, `text`) added; `done(Some(true))`
/// once shared, `Some(false)` when it failed, `None` when the person cancelled it.
pub fn share(data: ShareData, fields: &[(&str, &str)], done: impl FnOnce(Option<bool>) + 'static) {
    let started = || -> Option<js_sys::Promise> {
        for (key, value) in fields {
            Reflect::set(&data, &(*key).into(), &(*value).into()).ok()?;
        }
        let nav = navigator()?;
        method(&nav, "share")?
            .call1(&nav, &data)
            .ok()?
            .dyn_into()
            .ok()
    };
    match started() {
        Some(promise) => settle(promise, move |result| {
            done(match result {
                Ok(_) => Some(true),
                Err(e) => {
                    let name = Reflect::get(&e, &"name".into())
                        .ok()
                        .and_then(|n| n.as_string());
                    (name.as_deref() != Some("AbortError")).then_some(false)
                }
            })
        }),
        None => done(Some(false)),
    }
}

/// Copies `text` to the clipboard; `done(true)` once copied.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let started = || -> Option<js_sys::Promise> {
        let clipboard = Reflect::get(&navigator()?, &"clipboard".into()).ok()?;
        method(&clipboard, "writeText")?
            .call1(&clipboard, &text.into())
            .ok()?
            .dyn_into()
            .ok()
    };
    match started() {
        Some(promise) => settle(promise, move |result| done(result.is_ok())),
        None => done(false),
    }
}

/// Calls `done` once `promise` is fulfilled or rejected.
fn settle(promise: js_sys::Promise, done: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    let done = Rc::new(RefCell::new(Some(done)));
    let (on_ok, on_err) = (done.clone(), done);
    let ok = Closure::once(move |v: JsValue| {
        if let Some(done) = on_ok.borrow_mut().take() {
            done(Ok(v));
        }
    });
    let err = Closure::once(move |e: JsValue| {
        if let Some(done) = on_err.borrow_mut().take() {
            done(Err(e));
        }
    });
    let _ = promise.then2(&ok, &err);
    ok.forget();
    err.forget();
}

// At the end of the file: a declaration above would move the lines of the form's code, which the
// module records for its panics, and change the form's module.
#[cfg(feature = "staff")]
pub mod staff;
/// Asks the browser to keep the site's storage (`navigator.storage.persist()`, where the browser
/// has it): `done` gets `Some(granted)`, or `None` when the browser offers no such request.
/// Reached through `Reflect` rather than `web_sys`'s `StorageManager`, a binding the module would
/// carry for one call.
pub fn ask_persistent_storage(done: impl FnOnce(Option<bool>) + 'static) {
    let get = |target: &JsValue, key: &str| {
        Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let promise = web_sys::window()
        .and_then(|w| get(w.as_ref(), "navigator"))
        .and_then(|navigator| get(&navigator, "storage"))
        .and_then(|storage| {
            let persist = get(&storage, "persist")?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            persist.call0(&storage).ok()
        });
    let Some(promise) = promise else {
        return done(None);
    };
    let done = Rc::new(RefCell::new(Some(done)));
    let refused = done.clone();
    let granted = Closure::once_into_js(move |value: JsValue| {
        if let Some(done) = done.borrow_mut().take() {
            done(Some(value.as_bool() == Some(true)));
        }
    });
    let failed = Closure::once_into_js(move |_: JsValue| {
        if let Some(done) = refused.borrow_mut().take() {
            done(Some(false));
        }
    });
    if let Some(then) = get(&promise, "then").and_then(|t| t.dyn_into::<js_sys::Function>().ok()) {
        let _ = then.call2(&promise, &granted, &failed);
    }
}

/// Brings every control of `scope` that the keyboard focuses (`:focus-visible`) to the middle of
/// the screen, so that a summary line sticking to the bottom of a phone's screen never covers it
/// (browsers scroll a focused control only until it touches the edge). A tapped control is left
/// where the finger is.
pub fn center_keyboard_focus(scope: &Element) {
    on(scope, "focusin", |event| {
        let Some(el) = target(&event) else { return };
        if !el.matches(":focus-visible").unwrap_or(false) {
            return;
        }
        let options = Object::new();
        let _ = Reflect::set(&options, &"block".into(), &"center".into());
        if let Some(scroll) = Reflect::get(&el, &"scrollIntoView".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = scroll.call1(&el, &options);
        }
    });
}
