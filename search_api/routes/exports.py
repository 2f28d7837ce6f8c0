"""Routes: exports (placeholder until implemented)."""

from fastapi import APIRouter

router = APIRouter()
