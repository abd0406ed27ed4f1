//! The module's memory allocator: power-of-two size classes, one free list per class, fresh blocks
//! carved from the end of linear memory. It replaces the default dlmalloc, whose code made the
//! module 3.6 KB (gzip) larger: the form's pages download the module before they are usable.
//!
//! Why this is enough here: the module is single-threaded, its allocations are small and short-lived
//! (strings and vectors of one judgement, rebuilt on each keystroke), and the same sizes come back
//! again and again, so a freed block is found at once in its class's list. A block never changes
//! class, is never split nor merged: the cost is at most a factor two in memory on one allocation,
//! against a few hundred bytes of code. A `Vec` that doubles moves from one class to the next, and
//! `realloc` keeps the block when the new size stays in its class.
//!
//! The allocator is the one global state of the shell: Rust's `#[global_allocator]` must be a
//! `static`. It lives in one `UnsafeCell` the wasm32 target (no threads) never shares.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// The smallest block (2⁴ bytes): room for the free list's link and the usual alignment of 8.
const MIN_CLASS: usize = 4;
/// One class per power of two up to 2³¹ (the wasm32 address space is 2³²).
const CLASSES: usize = 32;
/// The alignment every fresh block gets; a larger one is served by `carve` only.
const BASE_ALIGN: usize = 16;
const PAGE: usize = 65_536;

struct State {
    /// The first free block of each class; a free block holds the address of the next one.
    free: [*mut u8; CLASSES],
    /// The unused end of the memory already obtained from the browser: `next..end`.
    next: usize,
    end: usize,
}

pub struct Allocator(UnsafeCell<State>);

// SAFETY: wasm32-unknown-unknown without the atomics feature has one thread; nothing shares the cell.
unsafe impl Sync for Allocator {}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(State {
    free: [null_mut(); CLASSES],
    next: 0,
    end: 0,
}));

/// The class of a layout: the power of two at least its size and its alignment.
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    (usize::BITS - (size - 1).leading_zeros()) as usize
}

impl State {
    /// A fresh block of `1 << class` bytes aligned on `align`, from the end of memory, which grows by
    /// whole pages when needed; null when the browser refuses more memory.
    fn carve(&mut self, class: usize, align: usize) -> *mut u8 {
        let size = 1usize << class;
        let start = (self.next + align - 1) & !(align - 1);
        let Some(stop) = start.checked_add(size) else {
            return null_mut();
        };
        if stop > self.end {
            let pages = (stop - self.end).div_ceil(PAGE);
            let previous = wasm32::memory_grow(0, pages);
            if previous == usize::MAX {
                return null_mut();
            }
            let grown = previous * PAGE;
            if grown != self.end {
                // First call (or memory grown by someone else): start after what exists.
                self.next = grown;
                self.end = grown + pages * PAGE;
                return self.carve(class, align);
            }
            self.end += pages * PAGE;
        }
        self.next = stop;
        start as *mut u8
    }
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: one thread, and no allocation happens while the state is borrowed.
        let state = unsafe { &mut *self.0.get() };
        let class = class(layout);
        if class >= CLASSES {
            return null_mut();
        }
        let head = state.free[class];
        if !head.is_null() && layout.align() <= BASE_ALIGN {
            // SAFETY: a block in a free list holds the next block's address in its first word.
            state.free[class] = unsafe { *(head as *mut *mut u8) };
            return head;
        }
        state.carve(class, layout.align().max(BASE_ALIGN))
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as in `alloc`; `ptr` was returned by `alloc` for this layout, so it is a block of
        // its class, at least 16 bytes and aligned for a pointer.
        let state = unsafe { &mut *self.0.get() };
        let class = class(layout);
        unsafe { *(ptr as *mut *mut u8) = state.free[class] };
        state.free[class] = ptr;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract (`new_size` valid for `layout.align()`), passed on.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new) == class(layout) {
            return ptr;
        }
        let moved = unsafe { self.alloc(new) };
        if !moved.is_null() {
            // SAFETY: both blocks are valid for the smaller of the two sizes and distinct.
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        moved
    }
}
