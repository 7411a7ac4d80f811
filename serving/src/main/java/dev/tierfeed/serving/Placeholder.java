package dev.tierfeed.serving; final class Placeholder {}
