package dev.tierfeed.streaming; final class Placeholder {}
